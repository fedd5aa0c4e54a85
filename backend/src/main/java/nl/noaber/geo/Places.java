package nl.noaber.geo;

import java.sql.SQLException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.util.PGobject;

/**
 * Places are JTS points in WGS84 (SRID 4326, x = longitude, y = latitude) in Java, and
 * {@code geography(Point, 4326)} in PostGIS. They cross JDBC as EWKB, which is exact: no
 * decimal formatting of coordinates on the way in or out.
 */
public final class Places {
    public static final int WGS84 = 4326;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84);

    private Places() {}

    public static Point point(double lat, double lon) {
        return FACTORY.createPoint(new Coordinate(lon, lat));
    }

    /**
     * Metres in a degree of latitude; a degree of longitude is this times the cosine of the latitude.
     * Good to a few parts in a thousand: for moving a place by metres at a city's scale, not for
     * distances that are compared with the database's (use {@link #sphereDistance}).
     */
    public static final double METRES_PER_DEGREE = 111_320.0;

    /**
     * The place {@code northMetres} north and {@code eastMetres} east of (lat, lon), on the flat map
     * around it (a degree of longitude scaled by the cosine of {@code lat}): plenty exact at a
     * city's scale.
     */
    public static Point offset(double lat, double lon, double northMetres, double eastMetres) {
        return point(lat + northMetres / METRES_PER_DEGREE,
                lon + eastMetres / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat))));
    }

    /** {@link #offset(double, double, double, double)} from a point. */
    public static Point offset(Point from, double northMetres, double eastMetres) {
        return offset(lat(from), lon(from), northMetres, eastMetres);
    }

    public static double lat(Point p) {
        return p.getY();
    }

    public static double lon(Point p) {
        return p.getX();
    }

    /** A JDBC parameter for a geography column. */
    public static PGobject toGeography(Point point) {
        return toPg("geography", point.getSRID() == WGS84 ? point : point(point.getY(), point.getX()));
    }

    /** Web Mercator (EPSG:3857) on its sphere: the plane the browsing index works in. */
    private static final double MERCATOR_RADIUS = 6_378_137.0;
    /** Web Mercator's latitude limit, where the map is square. */
    private static final double MERCATOR_MAX_LAT = 85.0511287798;
    /** PostGIS measures geography distances on this sphere (WGS84's mean radius) for {@code <->}. */
    public static final double SPHERE_RADIUS = 6_371_008.7714;

    /** Web Mercator x in metres, by the formula migration V3 gives the database. */
    public static double mercatorX(Point point) {
        return MERCATOR_RADIUS * Math.toRadians(point.getX());
    }

    /** Web Mercator y in metres (latitude clamped to ±85.05°), by the formula migration V3 gives the database. */
    public static double mercatorY(Point point) {
        double lat = Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, point.getY()));
        return MERCATOR_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    /** The great-circle distance in metres, as PostGIS's geography {@code <->} computes it. */
    public static double sphereDistance(Point a, Point b) {
        double lat1 = Math.toRadians(a.getY());
        double lat2 = Math.toRadians(b.getY());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.getX() - a.getX());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * SPHERE_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** EWKB (with SRID) in hex, the form the driver sends for a PostGIS type. */
    private static PGobject toPg(String type, Point point) {
        PGobject pg = new PGobject();
        try {
            pg.setType(type);
            pg.setValue(WKBWriter.toHex(new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true).write(point)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg;
    }

    /** Reads a geography or geometry column value (hex EWKB as the driver hands it over). */
    public static Point fromDatabase(Object value) {
        if (value == null) {
            return null;
        }
        String hex = value instanceof PGobject pg ? pg.getValue() : value.toString();
        try {
            var geometry = new WKBReader(FACTORY).read(WKBReader.hexToBytes(hex));
            if (!(geometry instanceof Point point)) {
                throw new IllegalStateException("Expected a point, got " + geometry.getGeometryType());
            }
            return point;
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable place from the database", e);
        }
    }
}
