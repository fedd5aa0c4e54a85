package nl.noaber.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import nl.noaber.db.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up reminders: once a match has been running for {@code noaber.notifications.follow-up-after}
 * (default 14 days), each party hears "how is it going?" once — by mail, or, without email,
 * through their makelaar, who follows running matches up anyway. A unique index makes "once"
 * hold whichever instances run this at the same time.
 */
@Singleton
public class FollowUps {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);

    private final Db db;
    private final Notifications notifications;

    public FollowUps(Db db, Notifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    /** Running matches accepted longer than {@code after} ago of which no party has had a follow-up yet. */
    @Transactional
    public List<long[]> due(Duration after, int limit) {
        return db.list("""
                SELECT m.id, m.requester_id, m.helper_id FROM match m
                 WHERE m.status = 'ACTIVE' AND m.decided_at < now() - make_interval(secs => ?)
                   AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.match_id = m.id AND n.kind = 'FOLLOW_UP')
                 ORDER BY m.decided_at LIMIT ?
                """, ps -> {
                    ps.setDouble(1, after.toMillis() / 1000.0);
                    ps.setInt(2, limit);
                }, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
    }

    /** One match's reminders, in a transaction of their own. */
    @Transactional
    public void remind(long matchId, long requesterId, long helperId) {
        notifications.aboutMatch(matchId, NotificationKind.FOLLOW_UP, List.of(requesterId, helperId));
    }

    /** Writes the reminders that are due; returns how many matches got them. */
    public int run(Duration after) {
        int done = 0;
        for (long[] m : due(after, 500)) {
            try {
                remind(m[0], m[1], m[2]);
                done++;
            } catch (RuntimeException e) {
                LOG.warn("Follow-up for match {} not written: {}", m[0], e.toString());
            }
        }
        return done;
    }

    /** Every hour on every instance that dispatches. */
    @Singleton
    @Requires(property = "noaber.notifications.dispatch", notEquals = "false")
    static class Schedule {
        private final FollowUps followUps;
        private final NotificationProperties properties;

        Schedule(FollowUps followUps, NotificationProperties properties) {
            this.followUps = followUps;
            this.properties = properties;
        }

        @Scheduled(fixedDelay = "1h", initialDelay = "1m")
        void tick() {
            try {
                followUps.run(properties.followUpAfter());
            } catch (RuntimeException e) {
                LOG.warn("Follow-up round failed: {}", e.toString());
            }
        }
    }
}
