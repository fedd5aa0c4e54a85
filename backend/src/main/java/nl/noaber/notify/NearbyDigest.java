package nl.noaber.notify;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.noaber.db.Db;
import nl.noaber.participant.Blocks;

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

    /** One of a volunteer's digest lines, with the volunteer and how many there are in all. */
    private record Line(long volunteer, String name, String language, Templates.NearbyItem item, long total) {}

    /**
     * Writes the digests of {@code day}; returns how many were new. One statement finds every
     * volunteer who asked for it and, beside each, their newest fitting requests.
     */
    @Transactional
    public int write(LocalDate day) {
        // New since the run before this day's (a missed day is caught up), at most a week back.
        java.sql.Timestamp since = db.one("""
                SELECT greatest(coalesce(max(run_at), now() - interval '1 day'), now() - interval '7 days')
                  FROM digest_run WHERE kind = 'NEARBY_REQUESTS' AND day < ?
                """, ps -> ps.setObject(1, day), rs -> rs.getTimestamp(1)).orElseThrow();
        List<Line> lines = db.list("SELECT p.id, p.display_name, p.preferred_language, r.title, r.category, r.neighbourhood, r.total"
                + " FROM notification_opt_in i JOIN participant p ON p.id = i.participant_id"
                + " LEFT JOIN account a ON a.id = p.account_id"
                + " CROSS JOIN LATERAL (" + """
                    SELECT l.id, l.created_at, l.title, n.name AS neighbourhood, count(*) OVER () AS total,
                           CASE WHEN p.preferred_language IS DISTINCT FROM 'en' THEN c.label_nl ELSE c.label_en END AS category
                      FROM listing l
                      JOIN category c ON c.code = l.category_code
                      LEFT JOIN neighbourhood n ON n.id = l.neighbourhood_id
                     WHERE l.kind = 'REQUEST' AND l.status = 'OPEN' AND l.participant_id <> p.id AND l.owner_matchable
                       AND NOT""" + " " + Blocks.eitherWay("l.participant_id", "p.id") + """
                       AND l.category_code = ANY (p.skills)
                       AND l.created_at > ?
                       AND ST_DWithin(l.public_place, p.home_place, p.travel_radius_m)
                     ORDER BY l.created_at DESC, l.id DESC
                     LIMIT ?) r
                """
                + " WHERE i.kind = 'NEARBY_REQUESTS' AND p.status = 'ACTIVE' AND p.home_place IS NOT NULL AND ("
                + Notifications.ADDRESS + ") IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification_opt_out o "
                + "WHERE o.participant_id = p.id AND o.kind = 'NEARBY_REQUESTS')"
                + " ORDER BY p.id, r.created_at DESC, r.id DESC", ps -> {
                    ps.setTimestamp(1, since);
                    ps.setInt(2, SHOWN);
                }, rs -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new Templates.NearbyItem(rs.getString(4), rs.getString(5), rs.getString(6)), rs.getLong(7)));
        int written = 0;
        for (int from = 0; from < lines.size(); ) {
            Line first = lines.get(from);
            int to = from;
            List<Templates.NearbyItem> items = new ArrayList<>();
            while (to < lines.size() && lines.get(to).volunteer() == first.volunteer()) {
                items.add(lines.get(to++).item());
            }
            Templates.Rendered r = Templates.nearbyDigest(first.language(), first.name(), items, first.total(),
                    properties.baseUrl() + "/requests/nearby", unsubscribe.url(first.volunteer(), NotificationKind.NEARBY_REQUESTS));
            written += Notifications.writeDigest(db, Notifications.DigestRecipient.PARTICIPANT, first.volunteer(),
                    NotificationKind.NEARBY_REQUESTS, first.language(), r, day);
            from = to;
        }
        return written;
    }
}
