package nl.noaber.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import nl.noaber.web.Problem;

/**
 * An access token is only as good as its session: after logout, a disabled account or a reused
 * refresh token, the session is revoked in the database and every instance refuses its tokens
 * from the next request on (one primary-key lookup).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SessionCheckFilter implements Ordered {
    private final SessionStore sessions;

    public SessionCheckFilter(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<Problem> checkSession(HttpRequest<?> request) {
        var principal = request.getUserPrincipal(Authentication.class);
        if (principal.isEmpty()) {
            return null;
        }
        CurrentUser user;
        try {
            user = CurrentUser.of(principal.get());
        } catch (RuntimeException e) {
            return ended();
        }
        if (user.sessionId() == null || !sessions.isLive(user.sessionId(), user.accountId())) {
            return ended();
        }
        return null;
    }

    private static HttpResponse<Problem> ended() {
        return HttpResponse.<Problem>status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(Problem.of(401, "session-ended", "Unauthorized", "This session has ended; log in again"));
    }
}
