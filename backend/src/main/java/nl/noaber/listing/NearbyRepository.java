package nl.noaber.listing;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.category.CategoryRepository;
import org.locationtech.jts.geom.Point;
import nl.noaber.participant.Blocks;

/**
 * The browsing query. It is written for the partial SP-GiST indexes of V3: kind and status are
 * literals (so the planner can prove the index predicate), the query point is a bound constant (so
 * {@code <->} drives a KNN index scan), and a category filter moves the query point into the
 * category's lane ({@code browse_lane_point}), where every neighbour is of that category. The scan
 * walks the Web Mercator copy of the public place; the distance shown and the radius are then
 * measured on the sphere from the public place, in Java, for the few rows the scan returns.
 * Nothing here reads the exact place.
 */
@Singleton
public class NearbyRepository {
    /** How far apart the category lanes lie on the x axis, in metres (migration V3). */
    static final double LANE_SPACING = 1.0e8;

    /**
     * A row of the result: the public listing, its distance on the sphere, and its rank (the
     * planar distance the scan orders by, which the cursor carries).
     */
    public record Row(long id, String category, String title, String description, Point publicPlace,
                      String neighbourhood, Schedule schedule, java.time.Instant createdAt, double distance, double rank) {}

    private final Db db;
    private final CategoryRepository categories;
    private final Map<Kind, String[]> sql = new EnumMap<>(Kind.class);

    public NearbyRepository(Db db, CategoryRepository categories) {
        this.db = db;
        this.categories = categories;
        for (Kind kind : Kind.values()) {
            String[] variants = new String[8];
            for (int v = 0; v < 8; v++) {
                variants[v] = build(kind, (v & 1) != 0, (v & 2) != 0, (v & 4) != 0);
            }
            sql.put(kind, variants);
        }
    }

    static String build(Kind kind, boolean category, boolean exclude, boolean after) {
        String column = category ? "l.browse_lane_point" : "l.browse_point";
        StringBuilder s = new StringBuilder("""
                SELECT k.*, (SELECT n.name FROM neighbourhood n WHERE n.id = k.neighbourhood_id) AS neighbourhood FROM (
                  SELECT l.id, l.category_code, l.title, l.description, l.neighbourhood_id, l.created_at, %s,
                         l.public_place, %s <-> point(?, ?) AS rank
                    FROM listing l
                   WHERE l.kind = '%s' AND l.status = 'OPEN' AND l.owner_matchable
                """.formatted(ListingRepository.SCHEDULE_COLUMNS.replaceAll("(\\w+)", "l.$1"), column, kind.name()));
        if (category) {
            s.append("     AND l.category_code = ?\n");
        }
        if (exclude) {
            // The viewer's own, and those of anyone the viewer blocked or was blocked by: one
            // look-up before the walk (an InitPlan), then a comparison per row it reads.
            s.append("     AND l.participant_id <> ALL (ARRAY(SELECT ?::bigint UNION ALL " + Blocks.with("?") + "))\n");
        }
        if (after) {
            s.append("     AND (%s <-> point(?, ?), l.id) > (?, ?)\n".formatted(column));
        }
        // The KNN scan walks the index nearest first and stops after LIMIT rows, however many
        // listings lie in the radius; the radius is applied to those few rows afterwards. Only the
        // distance may be in this ORDER BY: PostgreSQL uses an index ordering operator only when
        // it is the whole sort key. Ties are all but impossible (see PlaceGrid.publicPlace).
        s.append("""
                   ORDER BY %s <-> point(?, ?)
                   LIMIT ?
                ) k
                ORDER BY k.rank, k.id""".formatted(column));
        return s.toString();
    }

    /**
     * The open listings nearest the query point, at most {@code q.limit()} of them, then those
     * within the radius (so fewer than the limit when the radius ends first).
     */
    public List<Row> nearby(NearbyQuery q) {
        int variant = (q.category() != null ? 1 : 0) | (q.excludeParticipant() != null ? 2 : 0) | (q.after() != null ? 4 : 0);
        double x = Places.mercatorX(q.point()) + (q.category() != null ? categories.lane(q.category()) * LANE_SPACING : 0);
        double y = Places.mercatorY(q.point());
        List<Row> rows = db.list(sql.get(q.kind())[variant], ps -> {
            int i = 1;
            ps.setDouble(i++, x);
            ps.setDouble(i++, y);
            if (q.category() != null) {
                ps.setString(i++, q.category());
            }
            if (q.excludeParticipant() != null) {
                ps.setLong(i++, q.excludeParticipant());
                ps.setLong(i++, q.excludeParticipant());
                ps.setLong(i++, q.excludeParticipant());
            }
            if (q.after() != null) {
                ps.setDouble(i++, x);
                ps.setDouble(i++, y);
                ps.setDouble(i++, q.after().rank());
                ps.setLong(i++, q.after().id());
            }
            ps.setDouble(i++, x);
            ps.setDouble(i++, y);
            ps.setInt(i, q.limit());
        }, rs -> {
            Point publicPlace = Places.fromDatabase(rs.getObject("public_place"));
            return new Row(rs.getLong("id"), rs.getString("category_code"), rs.getString("title"),
                    rs.getString("description"), publicPlace, rs.getString("neighbourhood"), ListingRepository.schedule(rs),
                    rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                    Places.sphereDistance(q.point(), publicPlace), rs.getDouble("rank"));
        });
        rows.removeIf(r -> r.distance() > q.radiusMetres());
        return rows;
    }

    /** The SQL for a query, for EXPLAIN in tests and benchmarks. */
    public String sqlFor(Kind kind, boolean category, boolean exclude, boolean after) {
        return sql.get(kind)[(category ? 1 : 0) | (exclude ? 2 : 0) | (after ? 4 : 0)];
    }
}
