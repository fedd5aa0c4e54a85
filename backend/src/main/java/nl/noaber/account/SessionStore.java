package nl.noaber.account;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import nl.noaber.db.Db;

/**
 * Sessions, rotating refresh tokens, login throttling and second-factor challenges, all in the
 * database so that any number of backend instances behave as one. Tokens are stored only as
 * SHA-256 hashes.
 */
@Singleton
public class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final SessionCache cache;

    public SessionStore(Db db, SessionCache cache) {
        this.db = db;
        this.cache = cache;
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- sessions and refresh tokens -------------------------------------------------------

    public UUID openSession(long accountId, Duration lifetime) {
        UUID id = UUID.randomUUID();
        db.update("INSERT INTO auth_session (id, account_id, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))",
                ps -> {
                    ps.setObject(1, id);
                    ps.setLong(2, accountId);
                    ps.setLong(3, lifetime.toSeconds());
                });
        return id;
    }

    public void addRefreshToken(UUID sessionId, String token) {
        db.update("INSERT INTO refresh_token (token_hash, session_id) VALUES (?, ?)", ps -> {
            ps.setBytes(1, hash(token));
            ps.setObject(2, sessionId);
        });
    }

    /** What a presented refresh token turned out to be. */
    public sealed interface Refresh {
        record Valid(UUID sessionId, long accountId) implements Refresh {}

        /** The token was rotated before: a copy is in someone else's hands. The session is revoked. */
        record Reused(UUID sessionId) implements Refresh {}

        record Invalid() implements Refresh {}
    }

    /**
     * Consumes a refresh token exactly once. The update that marks it used is the arbiter: of two
     * instances presenting the same token at the same time, one wins and the other sees reuse.
     */
    public Refresh consumeRefreshToken(String token, Duration sessionLifetime) {
        byte[] hash = hash(token);
        Optional<UUID> consumed = db.one("""
                UPDATE refresh_token r SET used_at = now()
                  FROM auth_session s JOIN account a ON a.id = s.account_id
                 WHERE r.token_hash = ? AND r.used_at IS NULL AND s.id = r.session_id
                   AND s.revoked_at IS NULL AND s.expires_at > now() AND a.enabled
                RETURNING r.session_id
                """, ps -> ps.setBytes(1, hash), rs -> rs.getObject(1, UUID.class));
        if (consumed.isPresent()) {
            UUID sessionId = consumed.get();
            long accountId = db.one("""
                    UPDATE auth_session SET last_used_at = now(), expires_at = now() + make_interval(secs => ?)
                     WHERE id = ? RETURNING account_id
                    """, ps -> {
                        ps.setLong(1, sessionLifetime.toSeconds());
                        ps.setObject(2, sessionId);
                    }, rs -> rs.getLong(1)).orElseThrow();
            return new Refresh.Valid(sessionId, accountId);
        }
        Optional<UUID> used = db.one("SELECT session_id FROM refresh_token WHERE token_hash = ? AND used_at IS NOT NULL",
                ps -> ps.setBytes(1, hash), rs -> rs.getObject(1, UUID.class));
        if (used.isPresent()) {
            revokeSession(used.get(), "refresh token reused");
            return new Refresh.Reused(used.get());
        }
        return new Refresh.Invalid();
    }

    public void revokeSession(UUID sessionId, String reason) {
        cache.forgetSession(sessionId);
        db.update("UPDATE auth_session SET revoked_at = now(), revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
                ps -> {
                    ps.setString(1, reason);
                    ps.setObject(2, sessionId);
                });
    }

    public int revokeAllSessions(long accountId, String reason) {
        cache.forgetAccount(accountId);
        return db.update("UPDATE auth_session SET revoked_at = now(), revoked_reason = ? WHERE account_id = ? AND revoked_at IS NULL",
                ps -> {
                    ps.setString(1, reason);
                    ps.setLong(2, accountId);
                });
    }

    /**
     * Is the session behind an access token still live, and its account enabled? Answered from
     * this instance's {@link SessionCache} when it knows, otherwise by the database.
     */
    public boolean isLive(UUID sessionId, long accountId) {
        if (cache.knownLive(sessionId, accountId)) {
            return true;
        }
        long epoch = cache.epoch();
        Optional<Instant> expiresAt = db.one("""
                SELECT s.expires_at FROM auth_session s JOIN account a ON a.id = s.account_id
                 WHERE s.id = ? AND s.account_id = ? AND s.revoked_at IS NULL AND s.expires_at > now() AND a.enabled
                """, ps -> {
                    ps.setObject(1, sessionId);
                    ps.setLong(2, accountId);
                }, rs -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
        expiresAt.ifPresent(e -> cache.remember(sessionId, accountId, e, epoch));
        return expiresAt.isPresent();
    }

    /** True when this instance knows the session is live without asking the database. */
    public boolean knownLive(UUID sessionId, long accountId) {
        return cache.knownLive(sessionId, accountId);
    }

    // --- login throttling -----------------------------------------------------------------

    /** When the key is locked, until when. */
    public Optional<Instant> lockedUntil(String key) {
        return db.one("SELECT locked_until FROM login_throttle WHERE key = ? AND locked_until > now()",
                ps -> ps.setString(1, key), rs -> rs.getTimestamp(1).toInstant());
    }

    /** Counts one failure; locks the key once {@code maxFailures} fall within the window. */
    public void recordFailure(String key, int maxFailures, Duration window, Duration lock) {
        db.update("""
                INSERT INTO login_throttle AS t (key, failures, first_failure_at, locked_until)
                VALUES (?, 1, now(), CASE WHEN 1 >= ? THEN now() + make_interval(secs => ?) END)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN t.first_failure_at < now() - make_interval(secs => ?) THEN 1 ELSE t.failures + 1 END,
                    first_failure_at = CASE WHEN t.first_failure_at < now() - make_interval(secs => ?) THEN now() ELSE t.first_failure_at END,
                    locked_until = CASE
                        WHEN (CASE WHEN t.first_failure_at < now() - make_interval(secs => ?) THEN 1 ELSE t.failures + 1 END) >= ?
                        THEN now() + make_interval(secs => ?)
                        ELSE t.locked_until END
                """, ps -> {
                    ps.setString(1, key);
                    ps.setInt(2, maxFailures);
                    ps.setLong(3, lock.toSeconds());
                    ps.setLong(4, window.toSeconds());
                    ps.setLong(5, window.toSeconds());
                    ps.setLong(6, window.toSeconds());
                    ps.setInt(7, maxFailures);
                    ps.setLong(8, lock.toSeconds());
                });
    }

    public void clearFailures(String key) {
        db.update("DELETE FROM login_throttle WHERE key = ?", ps -> ps.setString(1, key));
    }

    // --- second-factor challenges -----------------------------------------------------------

    public String openChallenge(long accountId, Duration lifetime) {
        String token = newToken();
        db.update("INSERT INTO mfa_challenge (token_hash, account_id, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))",
                ps -> {
                    ps.setBytes(1, hash(token));
                    ps.setLong(2, accountId);
                    ps.setLong(3, lifetime.toSeconds());
                });
        return token;
    }

    /** The account of a live challenge, counting this attempt; a challenge allows five attempts. */
    public Optional<Long> attemptChallenge(String token) {
        return db.one("""
                UPDATE mfa_challenge SET attempts = attempts + 1
                 WHERE token_hash = ? AND expires_at > now() AND attempts < 5
                RETURNING account_id
                """, ps -> ps.setBytes(1, hash(token)), rs -> rs.getLong(1));
    }

    /** Single use: true only for the one caller that removed it. */
    public boolean closeChallenge(String token) {
        return db.update("DELETE FROM mfa_challenge WHERE token_hash = ?", ps -> ps.setBytes(1, hash(token))) == 1;
    }

    public void purgeExpired() {
        db.update("DELETE FROM mfa_challenge WHERE expires_at < now()", ps -> {});
        db.update("DELETE FROM login_throttle WHERE first_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())", ps -> {});
    }
}
