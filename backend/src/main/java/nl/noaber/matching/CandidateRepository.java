package nl.noaber.matching;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.noaber.category.CategoryRepository;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.listing.ListingRepository;
import nl.noaber.listing.Schedule;
import org.locationtech.jts.geom.Point;

/**
 * The facts matching needs, generated in PostGIS: candidates near a request (helpers with the skill,
 * found in their skill's lane of {@code helper_skill}, and owners of open offers in the category,
 * found in the category's lane of the listings), requests near a volunteer, and the match history
 * that fairness, reliability and "earlier matches together" are computed from. Exclusions that the
 * database can decide (inactive, disabled, blocked either way, declined or already proposed for this
 * request, beyond the helper's travel radius) are made here; scoring is done in Java (Scorer).
 */
@Singleton
public class CandidateRepository {
    /** A request as matching sees it; its exact place stays on the server. */
    public record RequestInfo(long id, String status, long requesterId, String category, Point place, Point publicPlace,
                              Schedule schedule, Set<String> requesterLanguages, Long neighbourhoodId, String title) {}

    /** A helper who passed the database's exclusions, with the distance from their home to the request. */
    public record Helper(long participantId, String kind, String displayName, Point home, double distanceMetres,
                         boolean hasSkill, Long offerId, Set<String> languages, Set<String> dayParts, int capacity) {}

    /**
     * A helper's match history: running matches, matches completed within the fairness memory, and
     * declines and cancellations within the reliability window.
     */
    public record Stats(int running, int recentCompleted, int declines, int cancellations) {
        static final Stats NONE = new Stats(0, 0, 0, 0);
    }

    /** A volunteer as matching sees them. */
    public record Volunteer(long participantId, String status, Point home, int travelRadiusMetres, Set<String> skills,
                            Set<String> languages, Set<String> dayParts, int capacity) {}

    /** An open request near a volunteer, with the distance from its public place to the volunteer's home. */
    public record NearbyRequest(RequestInfo request, double publicDistanceMetres, boolean viaOffer) {}

    private static final String REQUEST_COLUMNS = """
            l.id, l.status, l.participant_id, l.category_code, l.place, l.public_place, l.neighbourhood_id, l.title,
            %s, rp.languages AS requester_languages""".formatted(
            ListingRepository.SCHEDULE_COLUMNS.replaceAll("(\\w+)", "l.$1"));

    private final Db db;
    private final CategoryRepository categories;
    private final Clock clock;

    public CandidateRepository(Db db, CategoryRepository categories, Clock clock) {
        this.db = db;
        this.categories = categories;
        this.clock = clock;
    }

    public Optional<RequestInfo> request(long id) {
        return db.one("SELECT " + REQUEST_COLUMNS + """
                 FROM listing l JOIN participant rp ON rp.id = l.participant_id
                WHERE l.id = ? AND l.kind = 'REQUEST'""", ps -> ps.setLong(1, id), CandidateRepository::requestInfo);
    }

    /** An area drawn freely: everything within {@code radiusMetres} of a point. */
    public record Circle(Point centre, int radiusMetres) {}

    /**
     * Open requests that are waiting (no running or completed match), oldest first, in the given
     * neighbourhoods (null: any) and circle (null: anywhere).
     */
    public List<RequestInfo> waitingRequests(Collection<Long> neighbourhoods, Circle circle, int limit) {
        String area = (neighbourhoods == null ? "" : " AND l.neighbourhood_id = ANY (?)")
                + (circle == null ? "" : " AND ST_DWithin(l.place, CAST(? AS geography), ?, false)");
        return db.list("SELECT " + REQUEST_COLUMNS + """
                 FROM listing l JOIN participant rp ON rp.id = l.participant_id
                WHERE l.kind = 'REQUEST' AND l.status = 'OPEN'
                  AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status IN ('ACTIVE', 'COMPLETED'))
                """ + area + " ORDER BY l.created_at, l.id LIMIT ?", ps -> {
                    int i = 1;
                    if (neighbourhoods != null) {
                        ps.setArray(i++, ps.getConnection().createArrayOf("bigint", neighbourhoods.toArray()));
                    }
                    if (circle != null) {
                        ps.setObject(i++, Places.toGeography(circle.centre()));
                        ps.setInt(i++, circle.radiusMetres());
                    }
                    ps.setInt(i, limit);
                }, CandidateRepository::requestInfo);
    }

    private static RequestInfo requestInfo(ResultSet rs) throws SQLException {
        long neighbourhood = rs.getLong("neighbourhood_id");
        return new RequestInfo(rs.getLong("id"), rs.getString("status"), rs.getLong("participant_id"),
                rs.getString("category_code"), Places.fromDatabase(rs.getObject("place")),
                Places.fromDatabase(rs.getObject("public_place")), ListingRepository.schedule(rs),
                set(Db.strings(rs, "requester_languages")), rs.wasNull() ? null : neighbourhood, rs.getString("title"));
    }

    /**
     * Helpers for a request: the {@code pool} nearest with the skill and the {@code pool} nearest
     * owners of an open offer in the category, within {@code searchRadius} and each helper's own
     * travel radius, minus everyone the exclusions rule out.
     */
    public List<Helper> helpersFor(RequestInfo r, int pool, int searchRadius) {
        double laneX = Places.mercatorX(r.place()) + categories.lane(r.category()) * 1.0e8;
        double y = Places.mercatorY(r.place());
        var place = Places.toGeography(r.place());
        return db.list("""
                WITH cand AS (
                    (SELECT hs.participant_id AS id FROM helper_skill hs
                      WHERE hs.category_code = ?
                      ORDER BY hs.lane_point <-> point(?, ?) LIMIT ?)
                    UNION
                    (SELECT o.participant_id FROM listing o
                      WHERE o.kind = 'OFFER' AND o.status = 'OPEN' AND o.category_code = ?
                      ORDER BY o.browse_lane_point <-> point(?, ?) LIMIT ?)
                )
                SELECT p.id, p.kind, p.display_name, p.home_place, p.languages, p.availability, p.capacity,
                       ST_Distance(p.home_place, CAST(? AS geography), false) AS distance,
                       ? = ANY (p.skills) AS has_skill,
                       (SELECT min(o.id) FROM listing o WHERE o.participant_id = p.id AND o.kind = 'OFFER'
                           AND o.status = 'OPEN' AND o.category_code = ?) AS offer_id
                  FROM cand JOIN participant p ON p.id = cand.id
                  LEFT JOIN account a ON a.id = p.account_id
                 WHERE p.status = 'ACTIVE' AND p.home_place IS NOT NULL AND p.id <> ?
                   AND (a.id IS NULL OR a.enabled)
                   AND ST_DWithin(p.home_place, CAST(? AS geography), least(p.travel_radius_m, ?), false)
                   AND NOT EXISTS (SELECT 1 FROM participant_block b
                                    WHERE (b.blocker_id = p.id AND b.blocked_id = ?) OR (b.blocker_id = ? AND b.blocked_id = p.id))
                   AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = ? AND m.helper_id = p.id
                                      AND m.status IN ('PROPOSED', 'ACTIVE', 'DECLINED'))
                """, ps -> {
                    int i = 1;
                    for (int k = 0; k < 2; k++) {
                        ps.setString(i++, r.category());
                        ps.setDouble(i++, laneX);
                        ps.setDouble(i++, y);
                        ps.setInt(i++, pool);
                    }
                    ps.setObject(i++, place);
                    ps.setString(i++, r.category());
                    ps.setString(i++, r.category());
                    ps.setLong(i++, r.requesterId());
                    ps.setObject(i++, place);
                    ps.setInt(i++, searchRadius);
                    ps.setLong(i++, r.requesterId());
                    ps.setLong(i++, r.requesterId());
                    ps.setLong(i, r.id());
                }, rs -> {
                    long offer = rs.getLong("offer_id");
                    Long offerId = rs.wasNull() ? null : offer;
                    return new Helper(rs.getLong("id"), rs.getString("kind"), rs.getString("display_name"),
                            Places.fromDatabase(rs.getObject("home_place")), rs.getDouble("distance"),
                            rs.getBoolean("has_skill"), offerId, set(Db.strings(rs, "languages")),
                            set(Db.strings(rs, "availability")), rs.getInt("capacity"));
                });
    }

    /**
     * Running matches as helper, matches completed as helper within {@code memory}, and declines and
     * cancellations by the helper within {@code window}, all counted back from the app's clock.
     */
    public Map<Long, Stats> stats(Collection<Long> helpers, Duration window, Duration memory) {
        Map<Long, Stats> out = new HashMap<>();
        if (helpers.isEmpty()) {
            return out;
        }
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(window));
        Timestamp recent = Timestamp.from(now.minus(memory));
        db.list("""
                SELECT m.helper_id,
                       count(*) FILTER (WHERE m.status = 'ACTIVE') AS running,
                       count(*) FILTER (WHERE m.status = 'COMPLETED' AND m.ended_at > ?) AS recent_completed,
                       count(*) FILTER (WHERE m.status = 'DECLINED' AND m.ended_by_side = 'HELPER'
                                          AND m.decided_at > ?) AS declines,
                       count(*) FILTER (WHERE m.status = 'CANCELLED' AND m.ended_by_side = 'HELPER' AND m.decided_at IS NOT NULL
                                          AND m.ended_at > ?) AS cancellations
                  FROM match m
                 WHERE m.helper_id = ANY (?)
                   AND (m.status = 'ACTIVE' OR m.status IN ('COMPLETED', 'DECLINED', 'CANCELLED')
                                                AND greatest(m.decided_at, m.ended_at) > ?)
                 GROUP BY m.helper_id
                """, ps -> {
                    ps.setTimestamp(1, recent);
                    ps.setTimestamp(2, since);
                    ps.setTimestamp(3, since);
                    ps.setArray(4, ps.getConnection().createArrayOf("bigint", helpers.toArray()));
                    ps.setTimestamp(5, recent.before(since) ? recent : since);
                }, rs -> out.put(rs.getLong(1), new Stats(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))));
        return out;
    }

    /** Completed matches between this participant and each other participant, either way round. */
    public Map<Long, Integer> completedTogether(long participantId) {
        Map<Long, Integer> out = new HashMap<>();
        db.list("""
                SELECT CASE WHEN m.requester_id = ? THEN m.helper_id ELSE m.requester_id END AS other, count(*)
                  FROM match m
                 WHERE m.status = 'COMPLETED' AND (m.requester_id = ? OR m.helper_id = ?)
                 GROUP BY 1
                """, ps -> {
                    ps.setLong(1, participantId);
                    ps.setLong(2, participantId);
                    ps.setLong(3, participantId);
                }, rs -> out.put(rs.getLong(1), rs.getInt(2)));
        return out;
    }

    /** Completed matches between any of these participants and anyone, keyed by the unordered pair. */
    public Map<Pair, Integer> completedPairs(Collection<Long> participants) {
        Map<Pair, Integer> out = new HashMap<>();
        if (participants.isEmpty()) {
            return out;
        }
        db.list("""
                SELECT m.requester_id, m.helper_id, count(*) FROM match m
                 WHERE m.status = 'COMPLETED' AND m.requester_id = ANY (?)
                 GROUP BY 1, 2
                """, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", participants.toArray())),
                rs -> out.merge(Pair.of(rs.getLong(1), rs.getLong(2)), rs.getInt(3), Integer::sum));
        db.list("""
                SELECT m.requester_id, m.helper_id, count(*) FROM match m
                 WHERE m.status = 'COMPLETED' AND m.helper_id = ANY (?) AND NOT (m.requester_id = ANY (?))
                 GROUP BY 1, 2
                """, ps -> {
                    var ids = ps.getConnection().createArrayOf("bigint", participants.toArray());
                    ps.setArray(1, ids);
                    ps.setArray(2, ids);
                }, rs -> out.merge(Pair.of(rs.getLong(1), rs.getLong(2)), rs.getInt(3), Integer::sum));
        return out;
    }

    /** Two participants, in either order. */
    public record Pair(long low, long high) {
        public static Pair of(long a, long b) {
            return a < b ? new Pair(a, b) : new Pair(b, a);
        }
    }

    public Optional<Volunteer> volunteer(long participantId) {
        return db.one("""
                SELECT p.id, p.status, p.home_place, p.travel_radius_m, p.skills, p.languages, p.availability, p.capacity
                  FROM participant p WHERE p.id = ?
                """, ps -> ps.setLong(1, participantId), rs -> new Volunteer(rs.getLong("id"), rs.getString("status"),
                Places.fromDatabase(rs.getObject("home_place")), rs.getInt("travel_radius_m"),
                set(Db.strings(rs, "skills")), set(Db.strings(rs, "languages")), set(Db.strings(rs, "availability")),
                rs.getInt("capacity")));
    }

    /** The categories of a participant's open offers. */
    public Set<String> offerCategories(long participantId) {
        return new LinkedHashSet<>(db.list("""
                SELECT DISTINCT category_code FROM listing WHERE participant_id = ? AND kind = 'OFFER' AND status = 'OPEN'
                """, ps -> ps.setLong(1, participantId), rs -> rs.getString(1)));
    }

    /**
     * Open requests in the given categories nearest the volunteer's home, within their travel
     * radius (measured, like browsing, from the public place), minus their
     * own, blocked pairs, and requests they declined or already have a match on.
     */
    public List<NearbyRequest> requestsFor(Volunteer v, Set<String> categories, Set<String> viaOffer, int pool) {
        if (categories.isEmpty() || v.home() == null) {
            return List.of();
        }
        var home = Places.toGeography(v.home());
        double x = Places.mercatorX(v.home());
        double y = Places.mercatorY(v.home());
        List<String> cats = List.copyOf(categories);
        // One nearest-first scan per category lane (a lane holds only its category, so the scan
        // stops after `pool` rows however rare or common the category is); the radius applies after.
        StringBuilder lanes = new StringBuilder();
        for (int k = 0; k < cats.size(); k++) {
            if (k > 0) {
                lanes.append("    UNION ALL\n");
            }
            lanes.append("""
                    (SELECT l.id FROM listing l
                      WHERE l.kind = 'REQUEST' AND l.status = 'OPEN' AND l.category_code = ?
                      ORDER BY l.browse_lane_point <-> point(?, ?) LIMIT ?)
                    """);
        }
        return db.list("WITH cand AS (\n" + lanes + ")\nSELECT " + REQUEST_COLUMNS + """
                     , ST_Distance(l.public_place, CAST(? AS geography), false) AS public_distance
                  FROM cand JOIN listing l ON l.id = cand.id JOIN participant rp ON rp.id = l.participant_id
                  LEFT JOIN account ra ON ra.id = rp.account_id
                 WHERE l.participant_id <> ? AND rp.status = 'ACTIVE' AND (ra.id IS NULL OR ra.enabled)
                   AND ST_DWithin(l.public_place, CAST(? AS geography), ?, false)
                   AND NOT EXISTS (SELECT 1 FROM participant_block b
                                    WHERE (b.blocker_id = l.participant_id AND b.blocked_id = ?) OR (b.blocker_id = ? AND b.blocked_id = l.participant_id))
                   AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.helper_id = ?
                                      AND m.status IN ('PROPOSED', 'ACTIVE', 'DECLINED'))
                   AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status IN ('ACTIVE', 'COMPLETED'))
                """, ps -> {
                    int i = 1;
                    for (String c : cats) {
                        double laneX = x + this.categories.lane(c) * 1.0e8;
                        ps.setString(i++, c);
                        ps.setDouble(i++, laneX);
                        ps.setDouble(i++, y);
                        ps.setInt(i++, pool);
                    }
                    ps.setObject(i++, home);
                    ps.setLong(i++, v.participantId());
                    ps.setObject(i++, home);
                    ps.setInt(i++, v.travelRadiusMetres());
                    ps.setLong(i++, v.participantId());
                    ps.setLong(i++, v.participantId());
                    ps.setLong(i, v.participantId());
                }, rs -> {
                    RequestInfo r = requestInfo(rs);
                    return new NearbyRequest(r, rs.getDouble("public_distance"), viaOffer.contains(r.category()));
                });
    }

    static Set<String> set(List<String> values) {
        return values.isEmpty() ? Set.of() : new LinkedHashSet<>(values);
    }
}
