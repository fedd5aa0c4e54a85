package nl.noaber.neighbourhood;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import org.locationtech.jts.geom.Point;

@Singleton
public class NeighbourhoodRepository {
    private static final String NEIGHBOURHOOD_COLUMNS =
            "n.id, n.code, n.name, m.code AS municipality_code FROM neighbourhood n JOIN municipality m ON m.id = n.municipality_id";

    private final Db db;
    private final int maxGapMetres;

    public NeighbourhoodRepository(Db db, @Value("${noaber.neighbourhoods.max-gap-metres:1000}") int maxGapMetres) {
        this.db = db;
        this.maxGapMetres = maxGapMetres;
    }

    /**
     * The neighbourhood that contains the place, or the nearest one when the place falls in a gap
     * between the generalised polygons (up to {@code max-gap-metres}); empty outside every area.
     */
    public Optional<Neighbourhood> containing(Point place) {
        return db.one("""
                SELECT n.id, n.code, n.name, m.code AS municipality_code
                  FROM (SELECT id, area FROM neighbourhood
                         ORDER BY area <-> CAST(CAST(? AS geography) AS geometry) LIMIT 1) nearest
                  JOIN neighbourhood n ON n.id = nearest.id
                  JOIN municipality m ON m.id = n.municipality_id
                 WHERE ST_DWithin(CAST(nearest.area AS geography), CAST(? AS geography), ?)
                """, ps -> {
                    ps.setObject(1, Places.toGeography(place));
                    ps.setObject(2, Places.toGeography(place));
                    ps.setInt(3, maxGapMetres);
                }, rs -> new Neighbourhood(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("municipality_code")));
    }

    public List<Neighbourhood> all(String municipalityCode) {
        return db.list("SELECT " + NEIGHBOURHOOD_COLUMNS + " WHERE (? IS NULL OR m.code = ?) ORDER BY m.code, n.code",
                ps -> {
                    ps.setString(1, municipalityCode);
                    ps.setString(2, municipalityCode);
                },
                rs -> new Neighbourhood(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("municipality_code")));
    }

    public Optional<Neighbourhood> byId(long id) {
        return db.one("SELECT " + NEIGHBOURHOOD_COLUMNS + " WHERE n.id = ?", ps -> ps.setLong(1, id),
                rs -> new Neighbourhood(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("municipality_code")));
    }

    public Optional<Neighbourhood> byCode(String code) {
        return db.one("SELECT " + NEIGHBOURHOOD_COLUMNS + " WHERE n.code = ?", ps -> ps.setString(1, code),
                rs -> new Neighbourhood(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("municipality_code")));
    }

    public Optional<String> name(long id) {
        return db.one("SELECT name FROM neighbourhood WHERE id = ?", ps -> ps.setLong(1, id), rs -> rs.getString(1));
    }

    public List<Municipality> municipalities() {
        return db.list("""
                SELECT m.id, m.code, m.name, count(n.id) AS neighbourhoods
                  FROM municipality m LEFT JOIN neighbourhood n ON n.municipality_id = m.id
                 GROUP BY m.id ORDER BY m.code
                """, ps -> {}, rs -> new Municipality(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getInt("neighbourhoods")));
    }

    public Optional<Municipality> municipality(String code) {
        return municipalities().stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** Creates the municipality or renames it; returns its id. */
    public long upsertMunicipality(String code, String name) {
        return db.one("""
                INSERT INTO municipality (code, name) VALUES (?, ?)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
                RETURNING id
                """, ps -> {
                    ps.setString(1, code);
                    ps.setString(2, name);
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    /** Of these neighbourhood codes, those another municipality holds, with that municipality's code. */
    public java.util.Map<String, String> codesHeldElsewhere(long municipalityId, java.util.Collection<String> codes) {
        java.util.Map<String, String> held = new java.util.LinkedHashMap<>();
        db.list("""
                SELECT n.code, m.code FROM neighbourhood n JOIN municipality m ON m.id = n.municipality_id
                 WHERE n.code = ANY (?) AND n.municipality_id <> ?
                """, ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", codes.toArray()));
                    ps.setLong(2, municipalityId);
                }, rs -> held.put(rs.getString(1), rs.getString(2)));
        return held;
    }

    /**
     * Inserts or replaces one neighbourhood of this municipality from a GeoJSON geometry (one that another
     * municipality holds is left alone, and false). Invalid rings are repaired (GEOS's
     * structure method: shells united, holes cut out; the default method took minutes on a crossing
     * zigzag of 50,000 points, this one seconds); false, and nothing written, when no area is left after
     * the repair (a ring of three points, say).
     */
    public boolean upsertNeighbourhood(long municipalityId, String code, String name, String geoJsonGeometry) {
        return db.update("""
                INSERT INTO neighbourhood (municipality_id, code, name, area)
                SELECT ?, ?, ?, a.area
                  FROM (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 'method=structure'), 3)) AS area) a
                 WHERE NOT ST_IsEmpty(a.area)
                ON CONFLICT (code) DO UPDATE
                   SET name = EXCLUDED.name, area = EXCLUDED.area
                 WHERE neighbourhood.municipality_id = EXCLUDED.municipality_id
                """, ps -> {
                    ps.setLong(1, municipalityId);
                    ps.setString(2, code);
                    ps.setString(3, name);
                    ps.setString(4, geoJsonGeometry);
                }) == 1;
    }

    /** After an import: every participant and listing near the municipality gets its neighbourhood again. */
    public void reassignPlaces(long municipalityId) {
        String nearest = """
                (SELECT n.id FROM neighbourhood n
                  WHERE ST_DWithin(CAST(n.area AS geography), %1$s, %2$d)
                  ORDER BY n.area <-> CAST(%1$s AS geometry) LIMIT 1)
                """;
        String extent = "(SELECT CAST(ST_Extent(area) AS geometry) FROM neighbourhood WHERE municipality_id = ?)";
        db.update("UPDATE participant p SET neighbourhood_id = " + nearest.formatted("p.home_place", maxGapMetres)
                + " WHERE p.home_place IS NOT NULL AND ST_DWithin(p.home_place, CAST(" + extent + " AS geography), ?)",
                ps -> {
                    ps.setLong(1, municipalityId);
                    ps.setInt(2, maxGapMetres);
                });
        db.update("UPDATE listing l SET neighbourhood_id = " + nearest.formatted("l.place", maxGapMetres)
                + " WHERE ST_DWithin(l.place, CAST(" + extent + " AS geography), ?)",
                ps -> {
                    ps.setLong(1, municipalityId);
                    ps.setInt(2, maxGapMetres);
                });
    }
}
