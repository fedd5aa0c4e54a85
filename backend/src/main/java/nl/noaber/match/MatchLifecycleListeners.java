package nl.noaber.match;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import nl.noaber.account.AccountDisabled;
import nl.noaber.listing.ListingChanged;
import nl.noaber.listing.ListingEnded;
import nl.noaber.participant.ErasureStep;
import nl.noaber.participant.ParticipantSuspended;

/**
 * Where other features' events reach the match lifecycle: a withdrawn, closed or changed listing ends
 * the proposals made for it, a disabled account or a suspension ends the participant's matches, and erasing a
 * participant ends their matches (after their notifications and listings were erased, see the orders).
 */
@Singleton
class MatchLifecycleListeners implements ErasureStep {
    static final int ORDER = 30;

    private final MatchService matches;

    MatchLifecycleListeners(MatchService matches) {
        this.matches = matches;
    }

    @EventListener
    void onListingEnded(ListingEnded event) {
        matches.listingEnded(event);
    }

    @EventListener
    void onListingChanged(ListingChanged event) {
        matches.listingChanged(event);
    }

    @EventListener
    void onAccountDisabled(AccountDisabled event) {
        matches.accountDisabled(event);
    }

    @EventListener
    void onParticipantSuspended(ParticipantSuspended event) {
        matches.participantSuspended(event);
    }

    @Override
    public void erase(Erasure erasure) {
        matches.erase(erasure);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
