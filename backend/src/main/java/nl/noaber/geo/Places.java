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

    /** Web Mercator (EPSG:3857), as PostGIS computes it: the planar point the browsing index holds. */
    public static final int WEB_MERCATOR = 3857;
    private static final double MERCATOR_RADIUS = 6_378_137.0;

    /** A JDBC parameter for a geometry(Point, 3857) column: the place in Web Mercator metres. */
    public static PGobject toWebMercator(Point point) {
        double x = MERCATOR_RADIUS * Math.toRadians(point.getX());
        double y = MERCATOR_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(point.getY()) / 2));
        return toPg("geometry", new GeometryFactory(new PrecisionModel(), WEB_MERCATOR).createPoint(new Coordinate(x, y)));
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
