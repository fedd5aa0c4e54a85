package nl.noaber.geo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.math.BigDecimal;
import nl.noaber.web.ApiException;

/**
 * Where the places that people send in may lie ({@code noaber.service-area.*}): homes, the places of
 * requests and offers, and the centres of a nearby search or of a plan's circle. The default is the
 * European Netherlands with a margin of some 20 km; a municipality may draw it tighter round its own
 * region. A place outside was a mistake every time it was seen: lat and lon swapped ({@code 4.63, 52.38}
 * lies off Somalia) or 0 for a value left out. Stored, it was matched with nobody and seen by nobody,
 * without a word; refused, it names its field.
 *
 * <p>Imported reference data (address points, neighbourhoods) is Dutch whatever the service area, and
 * is held to {@link #NETHERLANDS}.
 *
 * @param minLat southern edge in degrees (default 50.5)
 * @param maxLat northern edge (default 54)
 * @param minLon western edge (default 3)
 * @param maxLon eastern edge (default 7.5)
 */
@ConfigurationProperties("noaber.service-area")
public record ServiceArea(
        @Bindable(defaultValue = "50.5") double minLat,
        @Bindable(defaultValue = "54.0") double maxLat,
        @Bindable(defaultValue = "3.0") double minLon,
        @Bindable(defaultValue = "7.5") double maxLon) {

    /** The European Netherlands with a margin of some 20 km. */
    public static final ServiceArea NETHERLANDS = new ServiceArea(50.5, 54.0, 3.0, 7.5);

    public ServiceArea {
        if (!(-90 <= minLat && minLat < maxLat && maxLat <= 90 && -180 <= minLon && minLon < maxLon && maxLon <= 180)) {
            throw new IllegalArgumentException("noaber.service-area: min-lat below max-lat within -90 to 90, "
                    + "min-lon below max-lon within -180 to 180");
        }
    }

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }

    /** "latitude 50.5 to 54 and longitude 3 to 7.5" */
    public String describe() {
        return "latitude " + plain(minLat) + " to " + plain(maxLat) + " and longitude " + plain(minLon) + " to " + plain(maxLon);
    }

    /**
     * A place from the outside world: degrees on the globe ({@link LatLon#checked}), then in this area,
     * else rule {@code ServiceArea}, naming the latitude where it is the one outside (as when the two are
     * swapped).
     */
    public LatLon checked(String latField, Double lat, String lonField, Double lon) {
        return within(LatLon.checked(latField, lat, lonField, lon), latField, lonField, "ServiceArea", "a place in Noaber's area");
    }

    /** A place in Dutch reference data, whatever the service area: in {@link #NETHERLANDS}, else rule {@code InTheNetherlands}. */
    public static LatLon checkedInTheNetherlands(String latField, Double lat, String lonField, Double lon) {
        return NETHERLANDS.within(LatLon.checked(latField, lat, lonField, lon), latField, lonField, "InTheNetherlands",
                "a Dutch address");
    }

    /** The place, or a refusal that says where {@code what} lies; the message is made only for a refusal (a hot path). */
    private LatLon within(LatLon place, String latField, String lonField, String rule, String what) {
        if (!contains(place.lat(), place.lon())) {
            boolean latOutside = place.lat() < minLat || place.lat() > maxLat;
            throw ApiException.invalid(latOutside ? latField : lonField, rule,
                    what + " lies within " + describe() + "; are lat and lon swapped?");
        }
        return place;
    }

    private static String plain(double degrees) {
        return BigDecimal.valueOf(degrees).stripTrailingZeros().toPlainString();
    }
}
