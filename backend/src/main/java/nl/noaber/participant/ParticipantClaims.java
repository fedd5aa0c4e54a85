package nl.noaber.participant;

import jakarta.inject.Singleton;
import java.util.Map;
import nl.noaber.account.Account;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.SessionClaims;

/** A resident's access tokens carry their participant id, which never changes. */
@Singleton
class ParticipantClaims implements SessionClaims {
    private final ParticipantRepository participants;

    ParticipantClaims(ParticipantRepository participants) {
        this.participants = participants;
    }

    @Override
    public Map<String, Object> claimsFor(Account account) {
        return participants.idOfAccount(account.id())
                .<Map<String, Object>>map(id -> Map.of(CurrentUser.PARTICIPANT_CLAIM, id))
                .orElse(Map.of());
    }
}
