package nl.noaber.notify;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.noaber.db.Db;

/**
 * Every morning ({@link DigestRuns}) each enabled makelaar whose work queue holds open tasks (their own participants'
 * or the shared queue's) gets one digest mail: how many, and how old the oldest is. A unique index
 * on (account, day) keeps it to one a day whichever instances write it; a makelaar who unsubscribed
 * from it gets none. In the makelaar's own language (PUT /api/me/language).
 */
@Singleton
public class MakelaarDigest {
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final Db db;
    private final Unsubscribe unsubscribe;
    private final NotificationProperties properties;

    public MakelaarDigest(Db db, Unsubscribe unsubscribe, NotificationProperties properties) {
        this.db = db;
        this.unsubscribe = unsubscribe;
        this.properties = properties;
    }

    private record Work(long accountId, String language, long own, long shared, long oldestDays) {}

    /** Writes the digests of {@code day}; returns how many were new. */
    @Transactional
    public int write(LocalDate day) {
        List<Work> work = db.list("""
                WITH open_tasks AS (SELECT makelaar_id, created_at FROM makelaar_task WHERE done_at IS NULL),
                     shared AS (SELECT count(*) AS n, min(created_at) AS oldest FROM open_tasks WHERE makelaar_id IS NULL)
                SELECT a.id, a.language, count(t.created_at) AS own, shared.n AS shared,
                       EXTRACT(DAY FROM now() - LEAST(min(t.created_at), shared.oldest))::bigint AS oldest_days
                  FROM account a
                  CROSS JOIN shared
                  LEFT JOIN open_tasks t ON t.makelaar_id = a.id
                 WHERE a.role = 'MAKELAAR' AND a.enabled
                   AND NOT EXISTS (SELECT 1 FROM account_notification_opt_out o
                                    WHERE o.account_id = a.id AND o.kind = 'MAKELAAR_DIGEST')
                 GROUP BY a.id, a.language, shared.n, shared.oldest
                HAVING count(t.created_at) + shared.n > 0
                """, ps -> {}, rs -> new Work(rs.getLong("id"), rs.getString("language"), rs.getLong("own"), rs.getLong("shared"),
                        rs.getLong("oldest_days")));
        int written = 0;
        for (Work w : work) {
            Templates.Rendered r = Templates.makelaarDigest(w.language(), w.own(), w.shared(), w.oldestDays(),
                    properties.baseUrl() + "/makelaar/tasks", unsubscribe.accountUrl(w.accountId(), NotificationKind.MAKELAAR_DIGEST));
            written += Notifications.writeDigest(db, Notifications.DigestRecipient.ACCOUNT, w.accountId(),
                    NotificationKind.MAKELAAR_DIGEST, w.language(), r, day);
        }
        return written;
    }
}
