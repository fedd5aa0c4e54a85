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

    /** Checks a latitude/longitude pair from the outside world; the field names go into the error. */
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
        return new LatLon(lat, lon);
    }
}
