package nl.noaber.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.noaber.db.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer's digest (opt-in): once a day, the open requests posted in the last day within
 * their travel radius of their home, in a category among their skills, not their own. Measured
 * from each request's public place, as browsing is. At most one a day (a unique index), only by
 * mail, and not to whoever unsubscribed from it.
 */
@Singleton
public class NearbyDigest {
    private static final Logger LOG = LoggerFactory.getLogger(NearbyDigest.class);
    private static final int SHOWN = 10;

    private final Db db;
    private final Unsubscribe unsubscribe;
    private final NotificationProperties properties;

    public NearbyDigest(Db db, Unsubscribe unsubscribe, NotificationProperties properties) {
        this.db = db;
        this.unsubscribe = unsubscribe;
        this.properties = properties;
    }

    private record Volunteer(long id, String name, String language) {}

    /** Writes the digests of {@code day}; returns how many were new. */
    @Transactional
    public int write(LocalDate day) {
        List<Volunteer> volunteers = db.list("SELECT p.id, p.display_name, p.preferred_language FROM notification_opt_in i "
                + "JOIN participant p ON p.id = i.participant_id LEFT JOIN account a ON a.id = p.account_id "
                + "WHERE i.kind = 'NEARBY_REQUESTS' AND p.status = 'ACTIVE' AND p.home_place IS NOT NULL AND ("
                + Notifications.ADDRESS + ") IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification_opt_out o "
                + "WHERE o.participant_id = p.id AND o.kind = 'NEARBY_REQUESTS')", ps -> {},
                rs -> new Volunteer(rs.getLong(1), rs.getString(2), rs.getString(3)));
        int written = 0;
        for (Volunteer v : volunteers) {
            boolean nl = !"en".equals(v.language());
            List<Templates.NearbyItem> items = new ArrayList<>();
            long[] total = {0};
            db.list("""
                    SELECT l.title, CASE WHEN ? THEN c.label_nl ELSE c.label_en END AS category, n.name AS neighbourhood,
                           count(*) OVER () AS total
                      FROM participant p
                      JOIN listing l ON l.kind = 'REQUEST' AND l.status = 'OPEN' AND l.participant_id <> p.id
                                    AND l.category_code = ANY (p.skills)
                                    AND l.created_at > now() - interval '1 day'
                                    AND ST_DWithin(l.public_place, p.home_place, p.travel_radius_m)
                      JOIN category c ON c.code = l.category_code
                      LEFT JOIN neighbourhood n ON n.id = l.neighbourhood_id
                     WHERE p.id = ?
                     ORDER BY l.created_at DESC, l.id DESC
                     LIMIT ?
                    """, ps -> {
                        ps.setBoolean(1, nl);
                        ps.setLong(2, v.id());
                        ps.setInt(3, SHOWN);
                    }, rs -> {
                        total[0] = rs.getLong("total");
                        return items.add(new Templates.NearbyItem(rs.getString("title"), rs.getString("category"),
                                rs.getString("neighbourhood")));
                    });
            if (items.isEmpty()) {
                continue;
            }
            Templates.Rendered r = Templates.nearbyDigest(v.language(), v.name(), items, total[0],
                    properties.baseUrl() + "/requests/nearby", unsubscribe.url(v.id(), NotificationKind.NEARBY_REQUESTS));
            written += Notifications.writeDigest(db, Notifications.DigestRecipient.PARTICIPANT, v.id(),
                    NotificationKind.NEARBY_REQUESTS, v.language(), r, day);
        }
        return written;
    }

    /** At eight every evening (Dutch time): the day's new requests, on every instance that dispatches. */
    @Singleton
    @Requires(property = "noaber.notifications.dispatch", notEquals = "false")
    static class Schedule {
        private final NearbyDigest digest;

        Schedule(NearbyDigest digest) {
            this.digest = digest;
        }

        @Scheduled(cron = "0 0 20 * * *", zoneId = "Europe/Amsterdam")
        void tick() {
            try {
                LOG.info("Nearby digests written: {}", digest.write(LocalDate.now(MakelaarDigest.ZONE)));
            } catch (RuntimeException e) {
                LOG.warn("Nearby digests not written: {}", e.toString());
            }
        }
    }
}
