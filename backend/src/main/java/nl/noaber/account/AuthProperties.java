package nl.noaber.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Logins and sessions.
 *
 * @param accessTokenLifetime how long a JWT access token is valid (default 15 minutes)
 * @param sessionLifetime how long a session lives without a refresh (default 30 days, sliding)
 * @param maxFailures failed logins for one email within {@code failureWindow} before it is locked (default 5)
 * @param failureWindow the window in which failures are counted (default 15 minutes)
 * @param lockDuration how long a locked email stays locked (default 15 minutes)
 * @param mfaChallengeLifetime how long the step between password and TOTP code may take (default 5 minutes)
 * @param issuer the issuer name shown in authenticator apps
 * @param sessionCacheTtl how long an instance trusts its own copy of "this session is live"
 *        (default 1 minute; every ending is also announced at once, see SessionCache; 0 = always ask
 *        the database)
 */
@ConfigurationProperties("noaber.auth")
public record AuthProperties(
        @Bindable(defaultValue = "15m") Duration accessTokenLifetime,
        @Bindable(defaultValue = "30d") Duration sessionLifetime,
        @Bindable(defaultValue = "5") int maxFailures,
        @Bindable(defaultValue = "15m") Duration failureWindow,
        @Bindable(defaultValue = "15m") Duration lockDuration,
        @Bindable(defaultValue = "5m") Duration mfaChallengeLifetime,
        @Bindable(defaultValue = "Noaber") String issuer,
        @Bindable(defaultValue = "1m") Duration sessionCacheTtl) {}
