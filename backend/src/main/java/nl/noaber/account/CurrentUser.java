package nl.noaber.account;

import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import nl.noaber.web.ApiException;

/**
 * Who is calling, read from the verified access token.
 *
 * @param participantId the caller's participant, for residents (claim {@value #PARTICIPANT_CLAIM})
 */
public record CurrentUser(long accountId, Role role, UUID sessionId, Long participantId) {
    public static final String SESSION_CLAIM = "sid";
    public static final String PARTICIPANT_CLAIM = "pid";

    public static CurrentUser of(Authentication authentication) {
        if (authentication == null) {
            throw ApiException.unauthorized("unauthorized", "Log in first");
        }
        Role role = authentication.getRoles().stream().findFirst().map(Role::valueOf)
                .orElseThrow(() -> ApiException.unauthorized("unauthorized", "The token carries no role"));
        Object sid = authentication.getAttributes().get(SESSION_CLAIM);
        Object pid = authentication.getAttributes().get(PARTICIPANT_CLAIM);
        return new CurrentUser(Long.parseLong(authentication.getName()), role,
                sid == null ? null : UUID.fromString(sid.toString()),
                pid instanceof Number n ? n.longValue() : pid == null ? null : Long.valueOf(pid.toString()));
    }

    public boolean is(Role r) {
        return role == r;
    }
}
