package nl.noaber.account;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import nl.noaber.web.ApiException;
import nl.noaber.web.Problem;

/** Accounts, logins with a second factor for staff, and sessions with rotating refresh tokens. */
@Singleton
public class AuthService {
    private final AccountRepository accounts;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TokenGenerator tokens;
    private final AuthProperties properties;
    private final Clock clock;
    private final List<SessionClaims> claims;
    private final ApplicationEventPublisher<AccountDisabled> disabled;

    public AuthService(AccountRepository accounts, SessionStore sessions, PasswordHasher hasher, PasswordPolicy policy,
                       TokenGenerator tokens, AuthProperties properties, Clock clock, List<SessionClaims> claims,
                       ApplicationEventPublisher<AccountDisabled> disabled) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.claims = claims;
        this.disabled = disabled;
    }

    /** Creates an account; the caller's transaction decides whether it stays. */
    @Transactional
    public Account createAccount(String email, String password, Role role, Long createdBy) {
        policy.check("password", password, email);
        String normalised = Account.normalise(email);
        if (accounts.existsByEmailNormalized(normalised)) {
            throw emailTaken();
        }
        try {
            return accounts.save(Account.create(email, hasher.hash(password), role, createdBy));
        } catch (RuntimeException e) {
            // Two sign-ups with one address at the same moment: both passed the check, the unique index
            // takes one; the other hears the same 409 it would have heard a moment later.
            if (uniqueEmailRefused(e)) {
                throw emailTaken();
            }
            throw e;
        }
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("email-taken", "An account with this email address exists already");
    }

    private static boolean uniqueEmailRefused(Throwable e) {
        return nl.noaber.db.Db.uniqueViolation(e, "account_email_normalized_key");
    }

    /** Step one: email and password. Staff continue with a TOTP code. */
    @Transactional(noRollbackFor = ApiException.class)
    public AuthResponse login(String email, String password) {
        String key = Account.normalise(email);
        var account = accounts.findByEmailNormalized(key).orElse(null);
        if (!passwordAccepted(key, account, password)) {
            throw ApiException.unauthorized("invalid-credentials", "Email address or password is not right");
        }
        sessions.clearFailures(key);
        if (!account.enabled()) {
            throw ApiException.forbidden("This account is disabled; ask your coordinator");
        }
        if (!account.role().needsSecondFactor()) {
            return startSession(account);
        }
        String challenge = sessions.openChallenge(account.id(), properties.mfaChallengeLifetime());
        if (account.totpConfirmed() && account.totpSecret() != null) {
            return AuthResponse.totpRequired(challenge);
        }
        String secret = account.totpSecret();
        if (secret == null) {
            secret = Totp.newSecret();
            if (accounts.enrolTotpIfNone(account.id(), secret) == 0) {
                // Another login enrolled at the same moment: show the secret that was stored, never a second
                // one; and once that enrolment is confirmed, only ask for a code.
                Account now = accounts.findById(account.id()).orElseThrow();
                if (now.totpSecret() == null) {
                    throw ApiException.unauthorized("mfa-challenge-invalid", "Log in again");
                }
                if (now.totpConfirmed()) {
                    return AuthResponse.totpRequired(challenge);
                }
                secret = now.totpSecret();
            }
        }
        return AuthResponse.enrolment(challenge, secret, Totp.otpauthUri(properties.issuer(), account.email(), secret));
    }

    /** Step two for staff: the code from the authenticator app. Confirms enrolment on first use. */
    @Transactional(noRollbackFor = ApiException.class)
    public AuthResponse completeSecondFactor(String mfaToken, String code) {
        long accountId = sessions.attemptChallenge(mfaToken)
                .orElseThrow(() -> ApiException.unauthorized("mfa-challenge-invalid",
                        "The login step expired or was used up; log in again"));
        Account account = accounts.findById(accountId).orElseThrow();
        if (!account.enabled() || account.totpSecret() == null) {
            throw ApiException.unauthorized("mfa-challenge-invalid", "Log in again");
        }
        OptionalLong step = Totp.verify(account.totpSecret(), code, clock.instant());
        if (step.isEmpty() || accounts.claimTotpStep(accountId, account.totpSecret(), step.getAsLong()) == 0) {
            throw new ApiException(new Problem("https://noaber.nl/problems/invalid-totp", "Unauthorized", 401,
                    "The code is not right or was used already; wait for the next one",
                    List.of(new Problem.FieldError("code", "Totp", "not the current code of your authenticator app"))));
        }
        if (!sessions.closeChallenge(mfaToken)) {
            throw ApiException.unauthorized("mfa-challenge-invalid", "Log in again");
        }
        return startSession(accounts.findById(accountId).orElseThrow());
    }

    @Transactional(noRollbackFor = ApiException.class)
    public AuthResponse refresh(String refreshToken) {
        var result = sessions.consumeRefreshToken(refreshToken, properties.sessionLifetime());
        if (result instanceof SessionStore.Refresh.Valid valid) {
            Account account = accounts.findById(valid.accountId()).orElseThrow();
            return issue(account, valid.sessionId());
        }
        if (result instanceof SessionStore.Refresh.Reused) {
            throw ApiException.unauthorized("refresh-token-reused",
                    "This refresh token was used before; the session has been ended for safety. Log in again");
        }
        throw ApiException.unauthorized("refresh-token-invalid", "Unknown or expired refresh token; log in again");
    }

    @Transactional
    public void logout(CurrentUser user) {
        if (user.sessionId() != null) {
            sessions.revokeSession(user.sessionId(), "logout");
        }
    }

    /**
     * Disabling an account ends all its sessions at once; its access tokens stop working too, and
     * (through {@link AccountDisabled}) its participant's proposed and running matches end. The
     * account's row and (through the lane trigger) its participant's are locked before the matches'
     * requests, the reverse of an acceptance, so a deadlock with one is possible: run again.
     */
    @Transactional
    @nl.noaber.db.RetryOnDeadlock
    public Account setEnabled(CurrentUser by, long accountId, boolean enabled) {
        Account account = accounts.findById(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId));
        if (!enabled && accountId == by.accountId()) {
            throw ApiException.conflict("cannot-disable-self", "You cannot disable your own account");
        }
        accounts.setEnabled(accountId, enabled);
        if (!enabled) {
            sessions.revokeAllSessions(accountId, "account disabled");
            // Also when it looked disabled already: an enabling may have committed since that read,
            // and a match accepted in between must end too. Ending ends only what still runs.
            disabled.publishEvent(new AccountDisabled(accountId, by.accountId()));
        }
        return accounts.findById(accountId).orElseThrow();
    }

    /**
     * The caller proves it is still them before something that cannot be undone (erasing their
     * account): their password again. A wrong one counts towards the login throttle of the address.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public void confirmPassword(long accountId, String password) {
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> ApiException.unauthorized("unauthorized", "Log in first"));
        if (!passwordAccepted(account.emailNormalized(), account, password)) {
            throw new ApiException(new Problem("https://noaber.nl/problems/wrong-password", "Forbidden", 403,
                    "The password is not right", List.of(new Problem.FieldError("password", "CurrentPassword",
                            "the password you log in with"))));
        }
    }

    /**
     * Erases an account: its email address, password and second factor are gone, it is disabled and
     * every session ends at once. The row stays (matches and events name it as their actor) but no
     * longer says whose it was.
     */
    @Transactional
    public void erase(long accountId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId));
        sessions.clearFailures(account.emailNormalized());
        accounts.erase(accountId, "erased-" + accountId + "@erased.invalid");
        sessions.revokeAllSessions(accountId, "account erased");
    }

    /** The language of the account's own mail (staff; residents choose theirs in their profile). */
    @Transactional
    public String language(long accountId) {
        return accounts.findLanguageById(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId));
    }

    @Transactional
    public String setLanguage(long accountId, String language) {
        if (!"nl".equals(language) && !"en".equals(language)) {
            throw ApiException.invalid("language", "OneOf", "language is nl or en");
        }
        accounts.setLanguage(accountId, language);
        return language;
    }

    /** For a makelaar who lost their phone: the next login enrols a new authenticator. */
    @Transactional
    public void resetSecondFactor(long accountId) {
        if (accounts.resetTotp(accountId) == 0) {
            throw ApiException.notFound("Account " + accountId);
        }
        sessions.revokeAllSessions(accountId, "second factor reset");
    }

    /**
     * The throttled password check of a login and of a confirmation: refused (429) while the
     * address is locked; a wrong password (or an unknown address, checked against a decoy hash so
     * it takes as long) counts as a failure of that address.
     */
    private boolean passwordAccepted(String key, Account account, String password) {
        sessions.lockedUntil(key).ifPresent(until -> {
            throw tooManyAttempts(until);
        });
        boolean ok = account == null ? hasher.verifyDecoy(password)
                : password != null && hasher.verify(password, account.passwordHash());
        if (!ok) {
            sessions.recordFailure(key, properties.maxFailures(), properties.failureWindow(), properties.lockDuration());
        }
        return ok;
    }

    private AuthResponse startSession(Account account) {
        UUID sessionId = sessions.openSession(account.id(), properties.sessionLifetime());
        return issue(account, sessionId);
    }

    private AuthResponse issue(Account account, UUID sessionId) {
        int lifetime = (int) properties.accessTokenLifetime().toSeconds();
        Map<String, Object> attributes = new HashMap<>();
        claims.forEach(c -> attributes.putAll(c.claimsFor(account)));
        attributes.put(CurrentUser.SESSION_CLAIM, sessionId.toString());
        var authentication = Authentication.build(account.id().toString(), List.of(account.role().name()), attributes);
        String access = tokens.generateToken(authentication, lifetime)
                .orElseThrow(() -> new IllegalStateException("no access token could be signed"));
        String refresh = SessionStore.newToken();
        sessions.addRefreshToken(sessionId, refresh);
        return AuthResponse.tokens(access, refresh, lifetime, account.id(), account.role());
    }

    private static ApiException tooManyAttempts(Instant until) {
        long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds());
        return new ApiException(new Problem("https://noaber.nl/problems/too-many-attempts", "Too Many Requests", 429,
                "Too many failed logins for this email address; try again in " + seconds + " seconds", null),
                Map.of("Retry-After", Long.toString(seconds)));
    }
}
