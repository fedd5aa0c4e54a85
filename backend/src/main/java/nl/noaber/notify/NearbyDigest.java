package nl.noaber.notify;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.noaber.db.Db;

/**
 * The volunteer's digest (opt-in): once a day ({@link DigestRuns}), the open requests posted since
 * the previous day's run (the last day when there was none; at most a week back) within their
 * travel radius of their home, in a category among their skills, not their own. Measured from each
 * request's public place, as browsing is. At most one a day (a unique index), only by
 * mail, and not to whoever unsubscribed from it.
 */
@Singleton
public class NearbyDigest {
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
        // New since the run before this day's (a missed day is caught up), at most a week back.
        java.sql.Timestamp since = db.one("""
                SELECT greatest(coalesce(max(run_at), now() - interval '1 day'), now() - interval '7 days')
                  FROM digest_run WHERE kind = 'NEARBY_REQUESTS' AND day < ?
                """, ps -> ps.setObject(1, day), rs -> rs.getTimestamp(1)).orElseThrow();
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
                                    AND l.created_at > ?
                                    AND ST_DWithin(l.public_place, p.home_place, p.travel_radius_m)
                      JOIN category c ON c.code = l.category_code
                      LEFT JOIN neighbourhood n ON n.id = l.neighbourhood_id
                     WHERE p.id = ?
                     ORDER BY l.created_at DESC, l.id DESC
                     LIMIT ?
                    """, ps -> {
                        ps.setBoolean(1, nl);
                        ps.setTimestamp(2, since);
                        ps.setLong(3, v.id());
                        ps.setInt(4, SHOWN);
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
}
