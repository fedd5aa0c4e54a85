package nl.noaber.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.noaber.category.CategoryRepository;
import nl.noaber.db.Db;
import nl.noaber.db.PgArrays;
import nl.noaber.geo.Places;
import nl.noaber.listing.ListingRepository;
import nl.noaber.listing.Schedule;
import org.locationtech.jts.geom.Point;
import nl.noaber.participant.Blocks;

/**
 * The facts matching needs, generated in PostGIS: candidates near a request (helpers with the skill
 * or an open offer in the category, found nearest first in the category's lane of
 * {@code helper_lane}, which also holds their history), requests near a volunteer, and the match
 * history that fairness, reliability and "earlier matches together" are computed from. Exclusions
 * that the database can decide (inactive, disabled, blocked either way, declined or already
 * proposed for this request, beyond the helper's travel radius) are made here; scoring is done in
 * Java (Scorer).
 */
@Singleton
public class CandidateRepository {
    /**
     * A request as matching sees it; its exact place stays on the server.
     *
     * @param requesterMatchable whether its requester can be matched now (ACTIVE, with an enabled account or none)
     */
    public record RequestInfo(long id, String status, long requesterId, String category, Point place, Point publicPlace,
                              Schedule schedule, Set<String> requesterLanguages, @Nullable Long neighbourhoodId, String title,
                              @Nullable Integer searchRadiusMetres, boolean requesterMatchable) {
        /** How far from the request helpers are looked for: its own search radius, or the city's default. */
        public int searchRadius(int defaultMetres) {
            return searchRadiusMetres == null ? defaultMetres : searchRadiusMetres;
        }
    }

    /** A helper who passed the database's exclusions, with the distance from their home to the request. */
    public record Helper(long participantId, String kind, String displayName, Point home, double distanceMetres,
                         boolean hasSkill, Long offerId, Set<String> languages, Set<String> dayParts, int capacity,
                         int travelRadiusMetres) {}

    /**
     * A helper's match history: running matches, proposals waiting for an answer with them as helper
     * ({@code awaiting}: accepting one takes a running match), matches completed within the fairness
     * memory, and declines and cancellations within the reliability window.
     */
    public record Stats(int running, int awaiting, int recentCompleted, int declines, int cancellations) {
        static final Stats NONE = new Stats(0, 0, 0, 0, 0);
    }

    /** A volunteer as matching sees them; {@code matchable}: ACTIVE, with an enabled account or none (as the lanes hold them). */
    public record Volunteer(long participantId, boolean matchable, Point home, int travelRadiusMetres, Set<String> skills,
                            Set<String> languages, Set<String> dayParts, int capacity) {}

    /** An open request near a volunteer, with the distance from its public place to the volunteer's home. */
    public record NearbyRequest(RequestInfo request, double publicDistanceMetres, boolean viaOffer) {}

    /** Whether the participant {@code alias} can be matched now: ACTIVE, with an enabled account or none. */
    private static String matchable(String alias) {
        return alias + ".status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM account ma WHERE ma.id = " + alias
                + ".account_id AND NOT ma.enabled)";
    }

    /** Whether the requester {@code rp} can be matched now. */
    private static final String REQUESTER_MATCHABLE = matchable("rp");

    private static final String REQUEST_COLUMNS = """
            l.id, l.status, l.participant_id, l.category_code, l.place, l.public_place, l.neighbourhood_id, l.title,
            %s, rp.languages AS requester_languages, l.search_radius_m, %s AS requester_matchable""".formatted(
            ListingRepository.SCHEDULE_COLUMNS.replaceAll("(\\w+)", "l.$1"), REQUESTER_MATCHABLE);

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
     * Open requests that are waiting for a helper (no running match, and no proposal waiting for an
     * answer; a recurring request whose earlier helper completed is waiting again), oldest first, in the given neighbourhoods (null: any) and circle (null:
     * anywhere); only those of requesters who can be matched (ACTIVE, account enabled or none).
     */
    public List<RequestInfo> waitingRequests(Collection<Long> neighbourhoods, Circle circle, int limit) {
        return db.list("SELECT " + REQUEST_COLUMNS + """
                 FROM listing l JOIN participant rp ON rp.id = l.participant_id
                WHERE l.kind = 'REQUEST' AND l.status = 'OPEN' AND """ + " " + REQUESTER_MATCHABLE + """
                  AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status IN ('PROPOSED', 'ACTIVE'))
                """ + area(neighbourhoods, circle) + " ORDER BY l.created_at, l.id LIMIT ?", ps -> {
                    int i = bindArea(ps, 1, neighbourhoods, circle);
                    ps.setInt(i, limit);
                }, CandidateRepository::requestInfo);
    }

    /**
     * A proposal that waits for the other side's answer.
     *
     * @param remindedAt when the side that answers it was reminded (once, after a few days), or null
     */
    @Serdeable
    public record PendingProposal(long matchId, long helperId, String helperName, String channel, Instant proposedAt,
                                  @Nullable Instant remindedAt) {}

    /** An open request without a running match that has proposals out, oldest first. */
    @Serdeable
    public record AwaitingRequest(long requestId, String requestTitle, String category, List<PendingProposal> proposals) {}

    /**
     * Open requests without a running match but with proposals waiting for an answer, in
     * the same area as {@link #waitingRequests}; at most {@code limit} requests, each with all its proposals.
     */
    public List<AwaitingRequest> awaitingAnswer(Collection<Long> neighbourhoods, Circle circle, int limit) {
        Map<Long, AwaitingRequest> out = new LinkedHashMap<>();
        db.list("""
                WITH req AS (
                    SELECT l.id, l.title, l.category_code, l.created_at
                      FROM listing l
                     WHERE l.kind = 'REQUEST' AND l.status = 'OPEN'
                       AND EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status = 'PROPOSED')
                       AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status = 'ACTIVE')
                """ + area(neighbourhoods, circle) + """
                     ORDER BY l.created_at, l.id LIMIT ?)
                SELECT r.id, r.title, r.category_code, m.id AS match_id, m.helper_id, hp.display_name, m.channel, m.proposed_at,
                       (SELECT min(n.created_at) FROM notification n
                         WHERE n.match_id = m.id AND n.kind = 'PROPOSAL_REMINDER') AS reminded_at
                  FROM req r
                  JOIN match m ON m.request_id = r.id AND m.status = 'PROPOSED'
                  JOIN participant hp ON hp.id = m.helper_id
                 ORDER BY r.created_at, r.id, m.proposed_at, m.id
                """, ps -> {
                    int i = bindArea(ps, 1, neighbourhoods, circle);
                    ps.setInt(i, limit);
                }, rs -> {
                    long id = rs.getLong("id");
                    AwaitingRequest request = out.get(id);
                    if (request == null) {
                        request = new AwaitingRequest(id, rs.getString("title"), rs.getString("category_code"), new ArrayList<>(1));
                        out.put(id, request);
                    }
                    java.sql.Timestamp reminded = rs.getTimestamp("reminded_at");
                    request.proposals().add(new PendingProposal(rs.getLong("match_id"), rs.getLong("helper_id"),
                            rs.getString("display_name"), rs.getString("channel"), rs.getTimestamp("proposed_at").toInstant(),
                            reminded == null ? null : reminded.toInstant()));
                    return id;
                });
        return new ArrayList<>(out.values());
    }

    /** The condition on listing {@code l} for an area: neighbourhoods (null: any) and a circle (null: anywhere). */
    private static String area(Collection<Long> neighbourhoods, Circle circle) {
        return (neighbourhoods == null ? "" : " AND l.neighbourhood_id = ANY (?)")
                + (circle == null ? "" : " AND ST_DWithin(l.place, CAST(? AS geography), ?, false)");
    }

    /** Binds {@link #area}'s parameters from index {@code i}; returns the next free index. */
    private static int bindArea(PreparedStatement ps, int i, Collection<Long> neighbourhoods, Circle circle) throws SQLException {
        if (neighbourhoods != null) {
            ps.setArray(i++, ps.getConnection().createArrayOf("bigint", neighbourhoods.toArray()));
        }
        if (circle != null) {
            ps.setObject(i++, Places.toGeography(circle.centre()));
            ps.setInt(i++, circle.radiusMetres());
        }
        return i;
    }

    private static RequestInfo requestInfo(ResultSet rs) throws SQLException {
        return new RequestInfo(rs.getLong("id"), rs.getString("status"), rs.getLong("participant_id"),
                rs.getString("category_code"), Places.fromDatabase(rs.getObject("place")),
                Places.fromDatabase(rs.getObject("public_place")), ListingRepository.schedule(rs),
                Db.stringSet(rs, "requester_languages"), rs.getObject("neighbourhood_id", Long.class), rs.getString("title"),
                rs.getObject("search_radius_m", Integer.class), rs.getBoolean("requester_matchable"));
    }

    /**
     * Helpers for a request: the {@code pool} nearest with the skill and the {@code pool} nearest
     * owners of an open offer in the category, within the request's search radius ({@code
     * searchRadius} when it has none of its own) and each helper's own travel radius, minus everyone
     * the exclusions rule out.
     */
    public List<Helper> helpersFor(RequestInfo r, int pool, int searchRadius) {
        return helpersFor(List.of(r), pool, searchRadius).get(0);
    }

    /**
     * {@link #helpersFor(RequestInfo, int, int)} for many requests in one statement (the city-wide
     * plan): one round trip, and the database walks the lanes of one request after the other.
     */
    public List<List<Helper>> helpersFor(List<RequestInfo> requests, int pool, int searchRadius) {
        List<List<Helper>> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            out.add(new ArrayList<>());
        }
        if (requests.isEmpty()) {
            return out;
        }
        // One radius binds the statement: the largest of the requests'; each request's own applies here.
        // An earlier partner near enough to be in the walk comes twice (the walk and the partners); once here.
        List<Set<Long>> seen = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            seen.add(new java.util.HashSet<>());
        }
        db.list(candidateSql(pool, false, requests.size() == 1), ps -> bindCandidates(ps, requests, searchRadius, 0),
                rs -> {
                    int ord = rs.getInt("ord");
                    Helper h = helper(rs);
                    if (h.distanceMetres() <= requests.get(ord).searchRadius(searchRadius) && seen.get(ord).add(h.participantId())) {
                        out.get(ord).add(h);
                    }
                    return ord;
                });
        return out;
    }

    /** A request's candidates with their history, as one ranking needs them. */
    public record Candidates(List<Helper> helpers, Map<Long, Stats> stats, Map<Long, Integer> completedTogether) {}

    /**
     * What {@link #helpersFor(RequestInfo, int, int)}, {@link #stats} and {@link #completedTogether}
     * give for one request, in one statement (one round trip instead of three): the stats counted
     * in Java from the history each lane row holds (V9), the earlier matches with the requester from
     * a list of their completed partners read once.
     */
    public Candidates candidates(RequestInfo r, int pool, int searchRadius, Duration window, Duration memory) {
        return candidates(r, pool, searchRadius, 0, window, memory);
    }

    /**
     * {@link #candidates(RequestInfo, int, int, Duration, Duration)} with both radii {@code margin}
     * metres wider: for a ranking whose own radius rule the caller applies to distances between
     * grid cells (the requester's view).
     */
    public Candidates candidates(RequestInfo r, int pool, int searchRadius, int margin, Duration window, Duration memory) {
        List<Helper> helpers = new ArrayList<>(pool);
        int room = pool * 4 / 3 + 1;
        Map<Long, Stats> stats = new HashMap<>(room);
        Map<Long, Integer> together = new HashMap<>();
        Set<Long> seen = new java.util.HashSet<>(room);
        Windows w = windows(window, memory);
        long recent = w.recent();
        long since = w.since();
        db.list(candidateSql(pool, true, true), ps -> bindCandidates(ps, List.of(r), searchRadius, margin), rs -> {
            Helper h = helper(rs);
            if (!seen.add(h.participantId())) {
                return h; // an earlier partner the walk found as well
            }
            helpers.add(h);
            Stats st = laneStats(rs, recent, since);
            if (!st.equals(Stats.NONE)) {
                stats.put(h.participantId(), st);
            }
            int n = rs.getInt("together");
            if (n > 0) {
                together.put(h.participantId(), n);
            }
            return h;
        });
        return new Candidates(helpers, stats, together);
    }

    /**
     * A helper's stats from the history their lane row holds (V9, V10: running matches, and when
     * they completed, declined — only proposals for a time they said they are free — or cancelled
     * matches; V14: proposals waiting for an answer): the one place the ranking and the plan both
     * count them from.
     */
    private static Stats laneStats(ResultSet rs, long recent, long since) throws SQLException {
        return new Stats(rs.getInt("running"), rs.getInt("proposed"), countAfter(rs, "completed_at", recent),
                countAfter(rs, "declined_at", since), countAfter(rs, "cancelled_at", since));
    }

    /** How many of the moments (Unix seconds) in a bigint[] column lie after {@code epoch}. */
    private static int countAfter(ResultSet rs, String column, long epoch) throws SQLException {
        long[] moments = PgArrays.int8s(rs, column);
        return moments == null ? 0 : countAfter(moments, epoch);
    }

    static int countAfter(long[] moments, long epoch) {
        int count = 0;
        for (long m : moments) {
            if (m > epoch) {
                count++;
            }
        }
        return count;
    }

    /**
     * The statement {@link #candidates} runs, for the benchmark's bare-SQL layer; its parameters:
     * search radius, request id, requester id, category, lane x, Mercator y, latitude, longitude, margin.
     */
    public static String candidatesSql(int pool) {
        return candidateSql(pool, true, true);
    }

    /**
     * The candidate query for one request or a list of them ({@code ord} is the request's
     * position). Per request: one nearest-first walk of the category's lane of {@code helper_lane}
     * (V9: every helper who can be matched, with the skill or an open offer in the category, and
     * all the statement reads about them, in the index; an index-only KNN scan, `<->` its whole
     * ORDER BY) that takes the first {@code pool} helpers who can take this request: not the people
     * the request excludes (blocks either way, and helpers who declined or already have a match on
     * it: gathered once per request, not probed per candidate), not helpers whose capacity is full,
     * and within each helper's travel radius and the search radius. These are conditions of the walk,
     * before its LIMIT: a pool cut first and filtered after would fill with helpers who cannot help
     * (in a busy street, all of them), and leave out the nearest who can. The walk is bounded by the
     * search radius's square in the lane ({@code reach}, Mercator metres: the radius over the cosine
     * of the latitude, 2% wider), so a request with fewer than {@code pool} such helpers stops at its
     * edge instead of walking the whole lane. The requester's earlier partners are added whatever
     * their place in the walk (in every shape: the plan weighs the same candidates as the ranking),
     * under the same conditions ({@link #CAN_TAKE}; their capacity the scorer checks); one near enough
     * to be in the walk comes twice, and the caller keeps one.
     */
    private static String candidateSql(int pool, boolean history, boolean single) {
        return SQL.computeIfAbsent(pool + (history ? "h" : "") + (single ? "s" : ""), k -> buildCandidateSql(pool, history, single));
    }

    /** The candidate statements made so far (a few: one per pool size and shape), kept as text. */
    private static final Map<String, String> SQL = new java.util.concurrent.ConcurrentHashMap<>();

    private static String buildCandidateSql(int pool, boolean history, boolean single) {
        String columns = LANE_COLUMNS + (history ? HISTORY_COLUMNS : "");
        return """
                WITH req AS MATERIALIZED (
                    SELECT q.*, box(point(q.lane_x - q.half, q.y - q.half), point(q.lane_x + q.half, q.y + q.half)) AS reach
                      FROM (SELECT r.ord, r.id, r.requester, r.category, r.lane_x, r.y, point(r.lane_x, r.y) AS lane_point,
                                   CAST(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) AS geography) AS place,
                                   sr.search_radius, mg.margin,
                                   sr.search_radius * 1.02 / greatest(cos(radians(r.lat)), 0.01) AS half,
                                   ARRAY(%s
                                         UNION ALL
                                         SELECT m.helper_id FROM match m WHERE m.request_id = r.id
                                            AND m.status IN ('PROPOSED', 'ACTIVE', 'DECLINED')) AS excluded,
                                   ARRAY(SELECT CASE WHEN m.requester_id = r.requester THEN m.helper_id ELSE m.requester_id END
                                           FROM match m WHERE m.status = 'COMPLETED'
                                            AND (m.requester_id = r.requester OR m.helper_id = r.requester)) AS partners
                              FROM (VALUES (CAST(? AS int))) AS sr(search_radius),
                                   %s AS r(ord, id, requester, category, lane_x, y, lat, lon),
                                   (VALUES (CAST(? AS int))) AS mg(margin)) q
                )
                SELECT r.ord, h.*%s
                  FROM req r
                  CROSS JOIN LATERAL (
                      (SELECT %s FROM helper_lane h
                        WHERE h.category_code = r.category AND h.lane_point <@ r.reach AND h.running < h.capacity
                          AND %s
                        ORDER BY h.lane_point <-> r.lane_point LIMIT %d)
                       UNION ALL
                       SELECT %s FROM helper_lane h
                        WHERE h.participant_id = ANY (r.partners) AND h.category_code = r.category
                          AND %s) h
                """.formatted(
                Blocks.with("r.requester"),
                single ? ONE_REQUEST : REQUESTS,
                history ? ", cardinality(array_positions(r.partners, h.id)) AS together" : "",
                columns, CAN_TAKE, pool, columns, CAN_TAKE);
    }

    /**
     * Lane row {@code h} may take request {@code r}: not the requester, not excluded by it (blocks,
     * declines, a match on it), and within both radii. Asked of both branches of the statement, each
     * where it reads its rows.
     */
    private static final String CAN_TAKE = """
            h.participant_id <> r.requester AND NOT (h.participant_id = ANY (r.excluded))
                                  AND ST_Distance(h.home_place, r.place, false) <= least(h.travel_radius_m + r.margin, r.search_radius)""";

    /**
     * What the candidate statement reads of a helper's lane row (all of it in the lane index), and
     * the distance from their home to the request, computed once per row.
     */
    private static final String LANE_COLUMNS = """
            h.participant_id AS id, h.kind, h.display_name, h.home_lat, h.home_lon, h.travel_radius_m, h.has_skill,
                              h.offer_id, h.languages, h.availability, h.capacity,
                              ST_Distance(h.home_place, r.place, false) AS distance""";
    /** Their match history as the lane holds it (V9). */
    private static final String HISTORY_COLUMNS = """
            ,
                              h.running, h.completed_at, h.declined_at, h.cancelled_at, h.proposed""";

    /**
     * The requests of {@link #candidateSql}: one as plain parameters, so that the plan PostgreSQL
     * caches for the prepared statement is the one it would make for each request (with arrays it
     * estimated ten requests and planned every execution anew, a millisecond each), or many unnested
     * from arrays.
     */
    private static final String ONE_REQUEST = """
            (VALUES (0, CAST(? AS bigint), CAST(? AS bigint), CAST(? AS text),
                     CAST(? AS float8), CAST(? AS float8), CAST(? AS float8), CAST(? AS float8)))""";
    private static final String REQUESTS = """
            unnest(CAST(? AS int[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),
                   CAST(? AS float8[]), CAST(? AS float8[]), CAST(? AS float8[]), CAST(? AS float8[]))""";

    /**
     * Binds the search radius, the requests and the margin of {@link #candidateSql} (both radii that
     * much wider); returns the next index.
     */
    private int bindCandidates(PreparedStatement ps, List<RequestInfo> requests, int searchRadius, int margin)
            throws SQLException {
        int n = requests.size();
        Object[] ord = new Object[n];
        Object[] id = new Object[n];
        Object[] requester = new Object[n];
        Object[] category = new Object[n];
        Object[] laneX = new Object[n];
        Object[] y = new Object[n];
        Object[] lat = new Object[n];
        Object[] lon = new Object[n];
        for (int k = 0; k < n; k++) {
            RequestInfo r = requests.get(k);
            ord[k] = k;
            id[k] = r.id();
            requester[k] = r.requesterId();
            category[k] = r.category();
            laneX[k] = Places.mercatorX(r.place()) + categories.lane(r.category()) * 1.0e8;
            y[k] = Places.mercatorY(r.place());
            lat[k] = Places.lat(r.place());
            lon[k] = Places.lon(r.place());
        }
        int i = 1;
        int radius = 0;
        for (RequestInfo r : requests) {
            radius = Math.max(radius, r.searchRadius(searchRadius));
        }
        ps.setInt(i++, radius + margin);
        if (n == 1) {
            for (Object value : new Object[] {id[0], requester[0], category[0], laneX[0], y[0], lat[0], lon[0]}) {
                ps.setObject(i++, value);
            }
            ps.setInt(i++, margin);
            return i;
        }
        var c = ps.getConnection();
        ps.setArray(i++, c.createArrayOf("int4", ord));
        ps.setArray(i++, c.createArrayOf("int8", id));
        ps.setArray(i++, c.createArrayOf("int8", requester));
        ps.setArray(i++, c.createArrayOf("text", category));
        ps.setArray(i++, c.createArrayOf("float8", laneX));
        ps.setArray(i++, c.createArrayOf("float8", y));
        ps.setArray(i++, c.createArrayOf("float8", lat));
        ps.setArray(i++, c.createArrayOf("float8", lon));
        ps.setInt(i++, margin);
        return i;
    }

    private static Helper helper(ResultSet rs) throws SQLException {
        long offer = rs.getLong("offer_id");
        Long offerId = rs.wasNull() ? null : offer;
        return new Helper(rs.getLong("id"), rs.getString("kind"), rs.getString("display_name"),
                Places.point(rs.getDouble("home_lat"), rs.getDouble("home_lon")), rs.getDouble("distance"),
                rs.getBoolean("has_skill"), offerId, Db.stringSet(rs, "languages"), Db.stringSet(rs, "availability"),
                rs.getInt("capacity"), rs.getInt("travel_radius_m"));
    }

    /** The moments (Unix seconds, by the app's clock, not the database's now()) the windows start. */
    private record Windows(long recent, long since) {}

    private Windows windows(Duration window, Duration memory) {
        Instant now = clock.instant();
        return new Windows(now.minus(memory).getEpochSecond(), now.minus(window).getEpochSecond());
    }

    /**
     * Running matches as helper, proposals waiting for an answer with them as helper, matches
     * completed as helper within {@code memory}, and declines and
     * cancellations by the helper within {@code window}, all counted back from the app's clock, from
     * the history in the helpers' lane rows (as a ranking counts them); helpers who cannot be matched
     * (no lane row) are left out.
     */
    public Map<Long, Stats> stats(Collection<Long> helpers, Duration window, Duration memory) {
        Map<Long, Stats> out = new HashMap<>();
        if (helpers.isEmpty()) {
            return out;
        }
        Windows w = windows(window, memory);
        // A helper's history is the same in each of their lane rows: one row per helper is read.
        db.list("""
                SELECT DISTINCT ON (h.participant_id) h.participant_id, h.running, h.completed_at, h.declined_at, h.cancelled_at,
                       h.proposed
                  FROM helper_lane h
                 WHERE h.participant_id = ANY (?)
                 ORDER BY h.participant_id
                """, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", helpers.toArray())),
                rs -> out.put(rs.getLong(1), laneStats(rs, w.recent(), w.since())));
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
        return db.one("SELECT p.id, " + matchable("p") + " AS matchable, p.home_place, p.travel_radius_m, p.skills, "
                + "p.languages, p.availability, p.capacity FROM participant p WHERE p.id = ?", ps -> ps.setLong(1, participantId), rs -> new Volunteer(rs.getLong("id"), rs.getBoolean("matchable"),
                Places.fromDatabase(rs.getObject("home_place")), rs.getInt("travel_radius_m"),
                Db.stringSet(rs, "skills"), Db.stringSet(rs, "languages"), Db.stringSet(rs, "availability"),
                rs.getInt("capacity")));
    }

    /**
     * Where a participant stands for a request: everything that decides whether they can be a
     * candidate (for the makelaar's "why not this neighbour?"). {@code distanceMetres} is from their
     * home to the request (NaN without a home); {@code onRequest} the statuses of their proposed,
     * running or declined matches on this request (DECLINED when the helper said no, as the reliability
     * record counts it; REQUESTER_DECLINED when the requester's side said no to them; ACTIVE on a MATCHED
     * recurring request, which takes a second helper).
     */
    public record Standing(long participantId, String displayName, String status, boolean accountEnabled, boolean hasHome,
                           int travelRadiusMetres, double distanceMetres, boolean hasSkill, boolean hasOffer, boolean blocked,
                           Set<String> onRequest, int running, int capacity, @Nullable Point home) {}

    public Optional<Standing> standing(RequestInfo r, long participantId) {
        return db.one("""
                SELECT p.id, p.display_name, p.status, (a.id IS NULL OR a.enabled) AS account_enabled,
                       p.home_place IS NOT NULL AS has_home, p.home_place, p.travel_radius_m, p.capacity,
                       coalesce(ST_Distance(p.home_place, CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography), false),
                                'NaN') AS distance,
                       ? = ANY (p.skills) AS has_skill,
                       EXISTS (SELECT 1 FROM listing o WHERE o.participant_id = p.id AND o.kind = 'OFFER'
                                  AND o.status = 'OPEN' AND o.category_code = ?) AS has_offer,
                       """ + Blocks.eitherWay("p.id", "?") + """
                        AS blocked,
                       ARRAY(SELECT DISTINCT CASE
                                    WHEN m.status = 'DECLINED' AND NOT declined_by_helper(m.ended_by_side, m.channel)
                                    THEN 'REQUESTER_DECLINED' ELSE m.status END
                               FROM match m WHERE m.request_id = ? AND m.helper_id = p.id
                                AND m.status IN ('PROPOSED', 'ACTIVE', 'DECLINED')) AS on_request,
                       (SELECT count(*) FROM match m WHERE m.helper_id = p.id AND m.status = 'ACTIVE') AS running
                  FROM participant p LEFT JOIN account a ON a.id = p.account_id
                 WHERE p.id = ?
                """, ps -> {
                    ps.setDouble(1, r.place().getX());
                    ps.setDouble(2, r.place().getY());
                    ps.setString(3, r.category());
                    ps.setString(4, r.category());
                    ps.setLong(5, r.requesterId());
                    ps.setLong(6, r.requesterId());
                    ps.setLong(7, r.id());
                    ps.setLong(8, participantId);
                }, rs -> new Standing(rs.getLong("id"), rs.getString("display_name"), rs.getString("status"),
                        rs.getBoolean("account_enabled"), rs.getBoolean("has_home"), rs.getInt("travel_radius_m"),
                        rs.getDouble("distance"), rs.getBoolean("has_skill"), rs.getBoolean("has_offer"), rs.getBoolean("blocked"),
                        Db.stringSet(rs, "on_request"), rs.getInt("running"), rs.getInt("capacity"),
                        Places.fromDatabase(rs.getObject("home_place"))));
    }

    /** The categories of a participant's open offers. */
    public Set<String> offerCategories(long participantId) {
        return new LinkedHashSet<>(db.list("""
                SELECT DISTINCT category_code FROM listing WHERE participant_id = ? AND kind = 'OFFER' AND status = 'OPEN'
                """, ps -> ps.setLong(1, participantId), rs -> rs.getString(1)));
    }

    /** How many running matches this participant carries as helper. */
    public int running(long participantId) {
        return db.one("SELECT count(*) FROM match WHERE helper_id = ? AND status = 'ACTIVE'",
                ps -> ps.setLong(1, participantId), rs -> rs.getInt(1)).orElse(0);
    }

    /**
     * Open requests in the given categories nearest the volunteer's home, within their travel radius
     * and each request's search radius ({@code defaultSearchRadius} when it has none of its own),
     * measured, like browsing, from the public place; minus their own, blocked pairs, and requests
     * they declined or already have a match on.
     */
    public List<NearbyRequest> requestsFor(Volunteer v, Set<String> categories, Set<String> viaOffer, int pool,
                                           int defaultSearchRadius) {
        if (categories.isEmpty() || v.home() == null) {
            return List.of();
        }
        var home = Places.toGeography(v.home());
        double x = Places.mercatorX(v.home());
        double y = Places.mercatorY(v.home());
        List<String> cats = List.copyOf(categories);
        // One nearest-first scan per category lane (a lane holds only its category, so the scan
        // stops after `pool` rows however rare or common the category is); the radius applies after.
        // The scan passes over, before its count, the volunteer's own requests, those of owners who
        // cannot be matched now (V17) and those of anyone blocked either way (one look-up, `hidden`),
        // so that these never take the places of requests the volunteer could take (and need no
        // filter after it).
        StringBuilder lanes = new StringBuilder();
        for (int k = 0; k < cats.size(); k++) {
            if (k > 0) {
                lanes.append("    UNION ALL\n");
            }
            lanes.append("""
                    (SELECT l.id FROM listing l
                      WHERE l.kind = 'REQUEST' AND l.status = 'OPEN' AND l.category_code = ? AND l.owner_matchable
                        AND l.participant_id <> ALL ((SELECT h.ids FROM hidden h)::bigint[])
                      ORDER BY l.browse_lane_point <-> point(?, ?) LIMIT ?)
                    """);
        }
        return db.list("""
                WITH hidden AS MATERIALIZED (SELECT ARRAY(SELECT ?::bigint UNION ALL""" + " " + Blocks.with("?") + """
                ) AS ids),
                cand AS (
                """ + lanes + ")\nSELECT " + REQUEST_COLUMNS + """
                     , ST_Distance(l.public_place, CAST(? AS geography), false) AS public_distance
                  FROM cand JOIN listing l ON l.id = cand.id JOIN participant rp ON rp.id = l.participant_id
                 WHERE ST_DWithin(l.public_place, CAST(? AS geography), least(?, coalesce(l.search_radius_m, ?)), false)
                   AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.helper_id = ?
                                      AND m.status IN ('PROPOSED', 'ACTIVE', 'DECLINED'))
                   AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status = 'ACTIVE')
                """, ps -> {
                    int i = 1;
                    ps.setLong(i++, v.participantId());
                    ps.setLong(i++, v.participantId());
                    ps.setLong(i++, v.participantId());
                    for (String c : cats) {
                        double laneX = x + this.categories.lane(c) * 1.0e8;
                        ps.setString(i++, c);
                        ps.setDouble(i++, laneX);
                        ps.setDouble(i++, y);
                        ps.setInt(i++, pool);
                    }
                    ps.setObject(i++, home);
                    ps.setObject(i++, home);
                    ps.setInt(i++, v.travelRadiusMetres());
                    ps.setInt(i++, defaultSearchRadius);
                    ps.setLong(i, v.participantId());
                }, rs -> {
                    RequestInfo r = requestInfo(rs);
                    return new NearbyRequest(r, rs.getDouble("public_distance"), viaOffer.contains(r.category()));
                });
    }
}
