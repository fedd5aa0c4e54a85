package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.noaber.db.Db;
import nl.noaber.web.TimeCursor;

/**
 * The dispatcher's side of the outbox. Every method is one short transaction; no transaction is
 * open while a mail is on its way.
 */
@Singleton
public class OutboxRepository {
    private final Db db;

    public OutboxRepository(Db db) {
        this.db = db;
    }

    /**
     * A claimed row. {@code email} is the address now (null: no longer reachable by mail);
     * {@code leaseExpired}: the previous claim's lease ran out, so the mail may have been delivered.
     */
    public record Claimed(long id, @Nullable Long participantId, @Nullable Long accountId, NotificationKind kind, String language, String subject,
                          String text, @Nullable String html, int attempts, String messageId, UUID claimId,
                          boolean leaseExpired, @Nullable String email, boolean optedOut, @Nullable Long makelaarId) {}

    /**
     * Claims up to {@code limit} due rows for this dispatcher: PENDING rows whose time has come and
     * SENDING rows whose lease ran out, oldest due first, skipping rows another dispatcher is
     * claiming at this moment. Each row's lease (and so its next due time) is now + {@code lease}.
     */
    @Transactional
    public List<Claimed> claim(String dispatcher, int limit, Duration lease, String messageIdDomain) {
        UUID claimId = UUID.randomUUID();
        return db.list("""
                WITH due AS (
                    SELECT id, status, kind, participant_id, account_id FROM notification
                     WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
                     ORDER BY next_attempt_at, id
                     LIMIT ?
                     FOR UPDATE SKIP LOCKED),
                whom AS (
                    SELECT due.id, due.status, p.makelaar_id,
                """ + Notifications.ADDRESS + """
                 AS email,
                           CASE WHEN due.account_id IS NULL
                                THEN EXISTS (SELECT 1 FROM notification_opt_out o
                                              WHERE o.participant_id = due.participant_id AND o.kind = due.kind)
                                ELSE EXISTS (SELECT 1 FROM account_notification_opt_out o
                                              WHERE o.account_id = due.account_id AND o.kind = due.kind)
                           END AS opted_out
                      FROM due
                      LEFT JOIN participant p ON p.id = due.participant_id
                      LEFT JOIN account a ON a.id = COALESCE(p.account_id, due.account_id))
                UPDATE notification n
                   SET status = 'SENDING',
                       attempts = n.attempts + 1,
                       lease_expiries = n.lease_expiries + CASE WHEN whom.status = 'SENDING' THEN 1 ELSE 0 END,
                       lease_until = now() + make_interval(secs => ?),
                       next_attempt_at = now() + make_interval(secs => ?),
                       claimed_by = ?,
                       claim_id = ?,
                       message_id = COALESCE(n.message_id, '<outbox-' || n.id || '@' || ? || '>'),
                       updated_at = now()
                  FROM whom
                 WHERE n.id = whom.id
                RETURNING n.id, n.participant_id, n.account_id, n.kind, n.language, n.subject, n.body_text, n.body_html,
                          n.attempts, n.message_id, n.claim_id, whom.status = 'SENDING' AS lease_expired, whom.email,
                          whom.opted_out, whom.makelaar_id
                """, ps -> {
                    double seconds = lease.toMillis() / 1000.0;
                    ps.setInt(1, limit);
                    ps.setDouble(2, seconds);
                    ps.setDouble(3, seconds);
                    ps.setString(4, dispatcher);
                    ps.setObject(5, claimId);
                    ps.setString(6, messageIdDomain);
                }, OutboxRepository::claimed);
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(rs.getLong("id"), rs.getObject("participant_id", Long.class), rs.getObject("account_id", Long.class),
                NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("language"), rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
                rs.getInt("attempts"), rs.getString("message_id"), rs.getObject("claim_id", UUID.class),
                rs.getBoolean("lease_expired"), rs.getString("email"), rs.getBoolean("opted_out"),
                rs.getObject("makelaar_id", Long.class));
    }

    /** The server accepted the mail. False when this claim no longer holds the row. */
    @Transactional
    public boolean markSent(Claimed c) {
        return db.update("""
                UPDATE notification SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL, updated_at = now()
                 WHERE id = ? AND claim_id = ? AND status = 'SENDING'
                """, ps -> {
                    ps.setLong(1, c.id());
                    ps.setObject(2, c.claimId());
                }) == 1;
    }

    /** The attempt failed: due again after {@code delay}, or DEAD. False when this claim no longer holds the row. */
    @Transactional
    public boolean markFailed(Claimed c, boolean dead, Duration delay, String error) {
        return db.update("""
                UPDATE notification
                   SET status = ?, next_attempt_at = now() + make_interval(secs => ?), lease_until = NULL,
                       last_error = ?, updated_at = now()
                 WHERE id = ? AND claim_id = ? AND status = 'SENDING'
                """, ps -> {
                    ps.setString(1, dead ? "DEAD" : "PENDING");
                    ps.setDouble(2, delay.toMillis() / 1000.0);
                    ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
                    ps.setLong(4, c.id());
                    ps.setObject(5, c.claimId());
                }) == 1;
    }

    /** The recipient can no longer be reached by mail: the news goes to their makelaar instead. */
    @Transactional
    public boolean reroute(Claimed c) {
        boolean held = db.update("""
                UPDATE notification SET status = 'QUEUED_FOR_MAKELAAR', lease_until = NULL, updated_at = now(),
                       last_error = 'no email address when it was due; passed to the makelaar'
                 WHERE id = ? AND claim_id = ? AND status = 'SENDING'
                """, ps -> {
                    ps.setLong(1, c.id());
                    ps.setObject(2, c.claimId());
                }) == 1;
        if (held) {
            Notifications.queueForMakelaar(db, c.id(), c.participantId(), c.makelaarId());
        }
        return held;
    }

    /** Not to be sent: the recipient unsubscribed from this kind after it was written, or (staff) has no address. */
    @Transactional
    public boolean suppress(Claimed c, String reason) {
        return db.update("""
                UPDATE notification SET status = 'SUPPRESSED', lease_until = NULL, updated_at = now(), last_error = ?
                 WHERE id = ? AND claim_id = ? AND status = 'SENDING'
                """, ps -> {
                    ps.setString(1, reason);
                    ps.setLong(2, c.id());
                    ps.setObject(3, c.claimId());
                }) == 1;
    }

    // --- for coordinators and the log ------------------------------------------------------

    /** A row as coordinators see it: no bodies, and no address. */
    @io.micronaut.serde.annotation.Serdeable
    public record Entry(long id, @Nullable Long participantId, @Nullable Long accountId, NotificationKind kind, String language, String status,
                        @Nullable String subject, int attempts, int leaseExpiries, @Nullable String lastError,
                        @Nullable String messageId, Instant createdAt, Instant updatedAt, @Nullable Instant sentAt,
                        Instant nextAttemptAt) {}

    private static final String ENTRY = """
            SELECT id, participant_id, account_id, kind, language, status, subject, attempts, lease_expiries, last_error,
                   message_id,
                   created_at, updated_at, sent_at, next_attempt_at
              FROM notification
            """;

    @Transactional
    public List<Entry> byStatus(String status, int limit, @Nullable TimeCursor after) {
        return db.list(ENTRY + " WHERE status = ? AND " + TimeCursor.after("updated_at", "id", true)
                + " ORDER BY updated_at DESC, id DESC LIMIT ?", ps -> {
                    ps.setString(1, status);
                    TimeCursor.bind(ps, 2, after);
                    ps.setInt(5, limit);
                }, OutboxRepository::entry);
    }

    @Transactional
    public Optional<Entry> entry(long id) {
        return db.one(ENTRY + " WHERE id = ?", ps -> ps.setLong(1, id), OutboxRepository::entry);
    }

    /** A DEAD notification is due again, with a fresh count of attempts and the same Message-ID. */
    @Transactional
    public boolean resend(long id) {
        return db.update("""
                UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = NULL,
                       claim_id = NULL, claimed_by = NULL, updated_at = now()
                 WHERE id = ? AND status = 'DEAD'
                """, ps -> ps.setLong(1, id)) == 1;
    }

    /** Mail waiting with a number above {@code after}, for the log when no SMTP server is configured. */
    public record Waiting(long id, @Nullable Long participantId, NotificationKind kind, String language, String subject, String text) {}

    @Transactional
    public List<Waiting> waitingAfter(long after, int limit) {
        return db.list("""
                SELECT id, participant_id, kind, language, subject, body_text FROM notification
                 WHERE id > ? AND status = 'PENDING' ORDER BY id LIMIT ?
                """, ps -> {
                    ps.setLong(1, after);
                    ps.setInt(2, limit);
                }, rs -> new Waiting(rs.getLong("id"), rs.getObject("participant_id", Long.class),
                        NotificationKind.valueOf(rs.getString("kind")),
                        rs.getString("language"), rs.getString("subject"), rs.getString("body_text")));
    }

    /** Outbox depth (PENDING and SENDING) and the age of its oldest row. */
    public record Depth(long depth, Duration oldest) {}

    @Transactional
    public Depth depth() {
        return db.one("""
                SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)
                  FROM notification WHERE status IN ('PENDING', 'SENDING')
                """, ps -> {}, rs -> new Depth(rs.getLong(1), Duration.ofMillis((long) (rs.getDouble(2) * 1000))))
                .orElseThrow();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getObject("participant_id", Long.class), rs.getObject("account_id", Long.class),
                NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("language"), rs.getString("status"), rs.getString("subject"), rs.getInt("attempts"),
                rs.getInt("lease_expiries"), rs.getString("last_error"), rs.getString("message_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "sent_at"), instant(rs, "next_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
