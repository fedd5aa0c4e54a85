package nl.noaber.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.noaber.db.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every morning each enabled makelaar whose work queue holds open tasks (their own participants'
 * or the shared queue's) gets one digest mail: how many, and how old the oldest is. A unique index
 * on (account, day) keeps it to one a day whichever instances write it; a makelaar who unsubscribed
 * from it gets none.
 */
@Singleton
public class MakelaarDigest {
    private static final Logger LOG = LoggerFactory.getLogger(MakelaarDigest.class);
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final Db db;
    private final Unsubscribe unsubscribe;
    private final NotificationProperties properties;

    public MakelaarDigest(Db db, Unsubscribe unsubscribe, NotificationProperties properties) {
        this.db = db;
        this.unsubscribe = unsubscribe;
        this.properties = properties;
    }

    private record Work(long accountId, long own, long shared, long oldestDays) {}

    /** Writes the digests of {@code day}; returns how many were new. */
    @Transactional
    public int write(LocalDate day) {
        List<Work> work = db.list("""
                WITH open_tasks AS (SELECT makelaar_id, created_at FROM makelaar_task WHERE done_at IS NULL),
                     shared AS (SELECT count(*) AS n, min(created_at) AS oldest FROM open_tasks WHERE makelaar_id IS NULL)
                SELECT a.id, count(t.created_at) AS own, shared.n AS shared,
                       EXTRACT(DAY FROM now() - LEAST(min(t.created_at), shared.oldest))::bigint AS oldest_days
                  FROM account a
                  CROSS JOIN shared
                  LEFT JOIN open_tasks t ON t.makelaar_id = a.id
                 WHERE a.role = 'MAKELAAR' AND a.enabled
                   AND NOT EXISTS (SELECT 1 FROM account_notification_opt_out o
                                    WHERE o.account_id = a.id AND o.kind = 'MAKELAAR_DIGEST')
                 GROUP BY a.id, shared.n, shared.oldest
                HAVING count(t.created_at) + shared.n > 0
                """, ps -> {}, rs -> new Work(rs.getLong("id"), rs.getLong("own"), rs.getLong("shared"),
                        rs.getLong("oldest_days")));
        int written = 0;
        for (Work w : work) {
            Templates.Rendered r = Templates.makelaarDigest(w.own(), w.shared(), w.oldestDays(),
                    properties.baseUrl() + "/makelaar/tasks", unsubscribe.accountUrl(w.accountId(), NotificationKind.MAKELAAR_DIGEST));
            written += Notifications.writeDigest(db, Notifications.DigestRecipient.ACCOUNT, w.accountId(),
                    NotificationKind.MAKELAAR_DIGEST, "nl", r, day);
        }
        return written;
    }

    /** At seven every morning (Dutch time), on every instance that dispatches. */
    @Singleton
    @Requires(property = "noaber.notifications.dispatch", notEquals = "false")
    static class Schedule {
        private final MakelaarDigest digest;

        Schedule(MakelaarDigest digest) {
            this.digest = digest;
        }

        @Scheduled(cron = "0 0 7 * * *", zoneId = "Europe/Amsterdam")
        void tick() {
            try {
                int n = digest.write(LocalDate.now(ZONE));
                LOG.info("Makelaar digests written: {}", n);
            } catch (RuntimeException e) {
                LOG.warn("Makelaar digests not written: {}", e.toString());
            }
        }
    }
}
