package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.db.Db;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

/** Dead letters for coordinators, the makelaars' work queue, and unsubscribing. */
@Singleton
public class NotificationService {
    static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "DEAD", "QUEUED_FOR_MAKELAAR", "SUPPRESSED");

    private final Db db;
    private final OutboxRepository outbox;
    private final Unsubscribe unsubscribe;

    public NotificationService(Db db, OutboxRepository outbox, Unsubscribe unsubscribe) {
        this.db = db;
        this.outbox = outbox;
        this.unsubscribe = unsubscribe;
    }

    // --- the outbox, for coordinators ---------------------------------------------------------

    public Page<OutboxRepository.Entry> list(String status, int limit, @Nullable TimeCursor after) {
        if (!STATUSES.contains(status)) {
            throw ApiException.invalid("status", "OneOf", "status is one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return TimeCursor.page(outbox.byStatus(status, limit + 1, after), limit, OutboxRepository.Entry::updatedAt,
                OutboxRepository.Entry::id);
    }

    /** A DEAD notification goes back into the outbox with fresh attempts and its Message-ID. */
    @Transactional
    public OutboxRepository.Entry resend(long id) {
        OutboxRepository.Entry e = outbox.entry(id).orElseThrow(() -> ApiException.notFound("Notification " + id));
        if (!outbox.resend(id)) {
            throw new ApiException(new nl.noaber.web.Problem("https://noaber.nl/problems/not-dead", "Conflict", 409,
                    "Only a DEAD notification is sent again; this one is " + e.status(),
                    List.of(new nl.noaber.web.Problem.FieldError("status", "not-dead",
                            "the notification is " + e.status()))));
        }
        return outbox.entry(id).orElseThrow();
    }

    // --- the makelaar's work queue ------------------------------------------------------------

    /** News to pass on to someone without email: for the participant, by phone, letter or a visit. */
    @Serdeable
    public record Task(long id, long participantId, String participantName, @Nullable String phone, NotificationKind kind,
                      String language, @Nullable String subject, @Nullable String text, @Nullable Long makelaarId,
                      Instant createdAt,
                      @Nullable Instant doneAt) {}

    private static final String TASK = """
            SELECT t.id, t.participant_id, p.display_name, p.phone, n.kind, n.language, n.subject, n.body_text,
                   t.makelaar_id, t.created_at, t.done_at
              FROM makelaar_task t
              JOIN notification n ON n.id = t.notification_id
              JOIN participant p ON p.id = t.participant_id
            """;

    /**
     * A makelaar's queue holds the tasks for their own participants and the shared ones (of people
     * without a makelaar); a coordinator sees every queue. Oldest first, a page of {@code limit} after
     * {@code after}.
     */
    @Transactional
    public Page<Task> tasks(CurrentUser user, @Nullable Boolean open, int limit, @Nullable TimeCursor after) {
        boolean coordinator = user.is(Role.COORDINATOR);
        List<Task> rows = db.list(TASK + """
                 WHERE (? OR t.makelaar_id = ? OR t.makelaar_id IS NULL)
                   AND (? OR (t.done_at IS NULL) = ?)
                   AND %s
                 ORDER BY t.created_at, t.id
                 LIMIT ?
                """.formatted(TimeCursor.after("t.created_at", "t.id", false)), ps -> {
                    ps.setBoolean(1, coordinator);
                    ps.setLong(2, user.accountId());
                    ps.setBoolean(3, open == null);
                    ps.setBoolean(4, open != null && open);
                    TimeCursor.bind(ps, 5, after);
                    ps.setInt(8, limit + 1);
                }, NotificationService::task);
        return TimeCursor.page(rows, limit, Task::createdAt, Task::id);
    }

    @Transactional
    public Task done(CurrentUser user, long id) {
        Task task = db.one(TASK + " WHERE t.id = ? FOR UPDATE OF t", ps -> ps.setLong(1, id), NotificationService::task)
                .filter(t -> user.is(Role.COORDINATOR) || t.makelaarId() == null || t.makelaarId() == user.accountId())
                .orElseThrow(() -> ApiException.notFound("Task " + id));
        if (task.doneAt() != null) {
            throw ApiException.conflict("already-done", "This task was done on " + task.doneAt());
        }
        db.update("UPDATE makelaar_task SET done_at = now(), done_by = ? WHERE id = ?", ps -> {
            ps.setLong(1, user.accountId());
            ps.setLong(2, id);
        });
        return db.one(TASK + " WHERE t.id = ?", ps -> ps.setLong(1, id), NotificationService::task).orElseThrow();
    }

    private static Task task(ResultSet rs) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        return new Task(rs.getLong("id"), rs.getLong("participant_id"), rs.getString("display_name"), rs.getString("phone"),
                NotificationKind.valueOf(rs.getString("kind")), rs.getString("language"), rs.getString("subject"),
                rs.getString("body_text"), rs.getObject("makelaar_id", Long.class), rs.getTimestamp("created_at").toInstant(),
                done == null ? null : done.toInstant());
    }

    // --- erasure and own data -----------------------------------------------------------------

    /**
     * Erases the personal content of every notification to this participant and of every
     * notification about a match they were in (those name them): subject and bodies are gone,
     * {@code erased_at} is set. What had not gone out yet will not go out (SUPPRESSED), their
     * open makelaar tasks are closed and the kinds they opted into or out of are forgotten. Kind,
     * status and times stay, for the figures. Part of erasing a participant; runs in that transaction.
     */
    @Transactional
    public int erase(long participantId) {
        String concerns = " (participant_id = ? OR match_id IN (SELECT id FROM match WHERE requester_id = ? OR helper_id = ?))";
        db.update("UPDATE notification SET status = 'SUPPRESSED', last_error = 'erased', lease_until = NULL, updated_at = now() "
                + "WHERE status IN ('PENDING', 'SENDING') AND" + concerns, ps -> bindThree(ps, participantId));
        db.update("UPDATE makelaar_task SET done_at = now() WHERE done_at IS NULL AND participant_id = ?",
                ps -> ps.setLong(1, participantId));
        db.update("DELETE FROM notification_opt_out WHERE participant_id = ?", ps -> ps.setLong(1, participantId));
        db.update("DELETE FROM notification_opt_in WHERE participant_id = ?", ps -> ps.setLong(1, participantId));
        return db.update("UPDATE notification SET subject = NULL, body_text = NULL, body_html = NULL, erased_at = now(), "
                + "updated_at = now() WHERE erased_at IS NULL AND" + concerns, ps -> bindThree(ps, participantId));
    }

    private static void bindThree(java.sql.PreparedStatement ps, long participantId) throws SQLException {
        ps.setLong(1, participantId);
        ps.setLong(2, participantId);
        ps.setLong(3, participantId);
    }

    /** A notification in the participant's own data export. */
    @Serdeable
    public record Own(long id, NotificationKind kind, String language, String status, @Nullable String subject,
                      Instant createdAt, @Nullable Instant sentAt) {}

    /** The participant's own data: the news sent (or queued) for them, and the kinds they unsubscribed from. */
    @Serdeable
    public record OwnNotifications(List<Own> notifications, List<NotificationKind> unsubscribed) {}

    @Transactional
    public OwnNotifications own(long participantId) {
        List<Own> rows = db.list("SELECT id, kind, language, status, subject, created_at, sent_at FROM notification "
                + "WHERE participant_id = ? ORDER BY id", ps -> ps.setLong(1, participantId), rs -> {
                    Timestamp sent = rs.getTimestamp("sent_at");
                    return new Own(rs.getLong("id"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("language"),
                            rs.getString("status"), rs.getString("subject"), rs.getTimestamp("created_at").toInstant(),
                            sent == null ? null : sent.toInstant());
                });
        List<NotificationKind> kinds = db.list("SELECT kind FROM notification_opt_out WHERE participant_id = ? ORDER BY kind",
                ps -> ps.setLong(1, participantId), rs -> NotificationKind.valueOf(rs.getString(1)));
        return new OwnNotifications(rows, kinds);
    }

    // --- a resident's own preferences ---------------------------------------------------------

    /** The kinds of mail a resident can switch off (news for makelaars and opt-in digests excluded). */
    static final List<NotificationKind> RESIDENT_KINDS = List.of(NotificationKind.MATCH_PROPOSED, NotificationKind.MATCH_ACCEPTED,
            NotificationKind.MATCH_DECLINED, NotificationKind.MATCH_CANCELLED, NotificationKind.MATCH_COMPLETED,
            NotificationKind.FOLLOW_UP, NotificationKind.PROPOSAL_REMINDER, NotificationKind.LISTING_EXPIRED);

    /**
     * @param byMail whether news reaches this resident by mail at all (else through the makelaar)
     * @param nearbyDigest whether they asked for the daily digest of new requests nearby (opt-in)
     */
    @Serdeable
    public record Preferences(boolean byMail, List<NotificationKind> kinds, List<NotificationKind> unsubscribed,
                              boolean nearbyDigest) {}

    @Transactional
    public Preferences preferences(long participantId) {
        Boolean byMail = db.one("SELECT " + Notifications.ADDRESS + " IS NOT NULL FROM participant p "
                + "LEFT JOIN account a ON a.id = p.account_id WHERE p.id = ?", ps -> ps.setLong(1, participantId),
                rs -> rs.getBoolean(1)).orElse(false);
        List<NotificationKind> off = own(participantId).unsubscribed();
        boolean nearby = db.one("SELECT EXISTS (SELECT 1 FROM notification_opt_in WHERE participant_id = ? "
                + "AND kind = 'NEARBY_REQUESTS')", ps -> ps.setLong(1, participantId), rs -> rs.getBoolean(1)).orElse(false)
                && !off.contains(NotificationKind.NEARBY_REQUESTS);
        return new Preferences(byMail, RESIDENT_KINDS, off.stream().filter(RESIDENT_KINDS::contains).toList(), nearby);
    }

    /**
     * Replaces the kinds a resident unsubscribed from (what is listed is off, every other kind on
     * again) and, when given, switches the digest of new requests nearby on or off.
     */
    @Transactional
    public Preferences setPreferences(long participantId, List<String> unsubscribed, @Nullable Boolean nearbyDigest) {
        List<NotificationKind> kinds = new java.util.ArrayList<>();
        for (int i = 0; i < unsubscribed.size(); i++) {
            String name = unsubscribed.get(i);
            int index = i;
            NotificationKind kind = RESIDENT_KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> ApiException.invalid("unsubscribed[" + index + "]", "OneOf",
                            "one of " + String.join(", ", RESIDENT_KINDS.stream().map(Enum::name).toList())));
            kinds.add(kind);
        }
        // One change of a participant's wishes at a time (a double tap, a retry): each replaces the
        // wishes whole, where two at once could both insert the same row (500) or mix their lists.
        db.one("SELECT 1 FROM participant WHERE id = ? FOR NO KEY UPDATE", ps -> ps.setLong(1, participantId), rs -> true);
        if (nearbyDigest != null) {
            // Asking for it again also undoes an earlier one-click unsubscribe from it.
            db.update("DELETE FROM notification_opt_in WHERE participant_id = ? AND kind = 'NEARBY_REQUESTS'",
                    ps -> ps.setLong(1, participantId));
            db.update("DELETE FROM notification_opt_out WHERE participant_id = ? AND kind = 'NEARBY_REQUESTS'",
                    ps -> ps.setLong(1, participantId));
            if (nearbyDigest) {
                db.update("INSERT INTO notification_opt_in (participant_id, kind) VALUES (?, 'NEARBY_REQUESTS') ON CONFLICT DO NOTHING",
                        ps -> ps.setLong(1, participantId));
            }
        }
        db.update("DELETE FROM notification_opt_out WHERE participant_id = ? AND kind <> 'NEARBY_REQUESTS' AND NOT (kind = ANY (?))", ps -> {
            ps.setLong(1, participantId);
            ps.setArray(2, db.textArray(ps, kinds.stream().map(Enum::name).toList()));
        });
        db.batch("INSERT INTO notification_opt_out (participant_id, kind) VALUES (?, ?) ON CONFLICT DO NOTHING", kinds,
                (ps, kind) -> {
                    ps.setLong(1, participantId);
                    ps.setString(2, kind.name());
                });
        return preferences(participantId);
    }

    // --- unsubscribing ------------------------------------------------------------------------

    public Unsubscribe.Target verify(@Nullable String token) {
        return unsubscribe.verify(token).orElseThrow(() ->
                ApiException.invalid("token", "Signature", "this unsubscribe link is not valid; use the link from the mail"));
    }

    /** One click: no more mail of this kind for this participant. Unsubscribing twice changes nothing. */
    @Transactional
    public Unsubscribe.Target unsubscribe(@Nullable String token) {
        Unsubscribe.Target target = verify(token);
        if (target.accountId() != null) {
            db.update("INSERT INTO account_notification_opt_out (account_id, kind) SELECT id, ? FROM account WHERE id = ? "
                    + "ON CONFLICT DO NOTHING", ps -> {
                        ps.setString(1, target.kind().name());
                        ps.setLong(2, target.accountId());
                    });
        } else {
            db.update("INSERT INTO notification_opt_out (participant_id, kind) SELECT id, ? FROM participant WHERE id = ? "
                    + "ON CONFLICT DO NOTHING", ps -> {
                        ps.setString(1, target.kind().name());
                        ps.setLong(2, target.participantId());
                    });
        }
        return target;
    }
}
