package nl.noaber.geo;

import io.micronaut.serde.annotation.Serdeable;
import nl.noaber.web.ApiException;
import org.locationtech.jts.geom.Point;

/** A place as the API shows it: latitude and longitude in WGS84 degrees. */
@Serdeable
public record LatLon(double lat, double lon) {

    public Point toPoint() {
        return Places.point(lat, lon);
    }

    public static LatLon of(Point point) {
        return point == null ? null : new LatLon(Places.lat(point), Places.lon(point));
    }

    /**
     * Checks a latitude/longitude pair from the outside world; the field names go into the error. The
     * pair comes back kept to 7 decimals (about a centimetre).
     */
    public static LatLon checked(String latField, Double lat, String lonField, Double lon) {
        if (lat == null || lon == null) {
            throw ApiException.invalid(lat == null ? latField : lonField, "NotNull",
                    "latitude and longitude are both needed");
        }
        if (lat.isNaN() || lat < -90 || lat > 90) {
            throw ApiException.invalid(latField, "Range", "latitude must be between -90 and 90");
        }
        if (lon.isNaN() || lon < -180 || lon > 180) {
            throw ApiException.invalid(lonField, "Range", "longitude must be between -180 and 180");
        }
        return new LatLon(sevenDecimals(lat), sevenDecimals(lon));
    }

    /**
     * A coordinate kept to 7 decimals, about a centimetre: finer than any address needs, and never a
     * subnormal number like 1e-320, which the database's trigonometry refuses (an underflow) and which
     * then broke every ranking and plan that came near it.
     */
    static double sevenDecimals(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
