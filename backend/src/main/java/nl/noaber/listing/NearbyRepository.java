package nl.noaber.listing;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import org.postgresql.util.PGobject;

/**
 * The browsing query. It is written for the partial GiST indexes of V2: kind and status are
 * literals (so the planner can prove the index predicate), the point is a bound constant (so
 * {@code <->} drives a KNN index scan), and the category, when given, is an equality on the first
 * column of the (category, point) index. The scan walks the Web Mercator copy of the public place
 * ({@code public_point}); the distance shown and the radius are measured on the sphere from the
 * public place. Nothing here reads the exact place.
 */
@Singleton
public class NearbyRepository {
    /**
     * A row of the result: the public listing, its distance on the sphere, and its rank (the
     * planar distance the scan orders by, which the cursor carries).
     */
    public record Row(long id, String category, String title, String description, org.locationtech.jts.geom.Point publicPlace,
                      String neighbourhood, Schedule schedule, java.time.Instant createdAt, double distance, double rank) {}

    private final Db db;
    private final Map<Kind, String[]> sql = new EnumMap<>(Kind.class);

    public NearbyRepository(Db db) {
        this.db = db;
        for (Kind kind : Kind.values()) {
            String[] variants = new String[8];
            for (int v = 0; v < 8; v++) {
                variants[v] = build(kind, (v & 1) != 0, (v & 2) != 0, (v & 4) != 0);
            }
            sql.put(kind, variants);
        }
    }

    static String build(Kind kind, boolean category, boolean exclude, boolean after) {
        StringBuilder s = new StringBuilder("""
                SELECT k.*, (SELECT n.name FROM neighbourhood n WHERE n.id = k.neighbourhood_id) AS neighbourhood FROM (
                  SELECT l.id, l.category_code, l.title, l.description, l.neighbourhood_id, l.created_at, %s,
                         ST_Y(CAST(l.public_place AS geometry)) AS public_lat,
                         ST_X(CAST(l.public_place AS geometry)) AS public_lon,
                         l.public_place <-> CAST(? AS geography) AS distance,
                         l.public_point <-> CAST(? AS geometry) AS rank
                    FROM listing l
                   WHERE l.kind = '%s' AND l.status = 'OPEN'
                """.formatted(ListingRepository.SCHEDULE_COLUMNS.replaceAll("(\\w+)", "l.$1"), kind.name()));
        if (category) {
            s.append("     AND l.category_code = ?\n");
        }
        if (exclude) {
            s.append("     AND l.participant_id <> ?\n");
        }
        if (after) {
            s.append("     AND (l.public_point <-> CAST(? AS geometry), l.id) > (?, ?)\n");
        }
        // The KNN scan walks the index nearest first and stops after LIMIT rows, however many
        // listings lie in the radius; the radius is applied to those few rows outside. Only the
        // distance may be in this ORDER BY: PostgreSQL uses an index ordering operator only when
        // it is the whole sort key. Ties are all but impossible (see PlaceGrid.publicPlace).
        s.append("""
                   ORDER BY l.public_point <-> CAST(? AS geometry)
                   LIMIT ?
                ) k
                WHERE k.distance <= ?
                ORDER BY k.rank, k.id""");
        return s.toString();
    }

    public List<Row> nearby(NearbyQuery q) {
        int variant = (q.category() != null ? 1 : 0) | (q.excludeParticipant() != null ? 2 : 0) | (q.after() != null ? 4 : 0);
        PGobject point = Places.toGeography(q.point());
        PGobject planar = Places.toWebMercator(q.point());
        return db.list(sql.get(q.kind())[variant], ps -> {
            int i = 1;
            ps.setObject(i++, point);
            ps.setObject(i++, planar);
            if (q.category() != null) {
                ps.setString(i++, q.category());
            }
            if (q.excludeParticipant() != null) {
                ps.setLong(i++, q.excludeParticipant());
            }
            if (q.after() != null) {
                ps.setObject(i++, planar);
                ps.setDouble(i++, q.after().rank());
                ps.setLong(i++, q.after().id());
            }
            ps.setObject(i++, planar);
            ps.setInt(i++, q.limit());
            ps.setDouble(i, q.radiusMetres());
        }, rs -> new Row(rs.getLong("id"), rs.getString("category_code"), rs.getString("title"),
                rs.getString("description"), Places.point(rs.getDouble("public_lat"), rs.getDouble("public_lon")),
                rs.getString("neighbourhood"), ListingRepository.schedule(rs),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), rs.getDouble("distance"),
                rs.getDouble("rank")));
    }

    /** The SQL for a query, for EXPLAIN in tests and benchmarks. */
    public String sqlFor(Kind kind, boolean category, boolean exclude, boolean after) {
        return sql.get(kind)[(category ? 1 : 0) | (exclude ? 2 : 0) | (after ? 4 : 0)];
    }
}
