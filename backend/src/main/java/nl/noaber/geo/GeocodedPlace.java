package nl.noaber.geo;

import org.locationtech.jts.geom.Point;

/**
 * A geocoder's answer and how far to trust it.
 *
 * @param precision ADDRESS (the building) or POSTCODE_AREA (the centre of the four-digit area)
 * @param placeName the town the postcode belongs to
 */
public record GeocodedPlace(Point place, Precision precision, String postcode, String placeName) {

    public enum Precision {
        /** The address point of that very house number. */
        ADDRESS,
        /** The centre of the four-digit postcode area: right neighbourhood, not the front door. */
        POSTCODE_AREA
    }

    public String noteNl() {
        return precision == Precision.ADDRESS
                ? "Geplaatst op het adres."
                : "Geplaatst in het midden van postcodegebied " + postcode.substring(0, 4) + " (" + placeName
                        + "); sleep de speld naar het huis.";
    }

    public String noteEn() {
        return precision == Precision.ADDRESS
                ? "Placed at the address."
                : "Placed at the centre of postcode area " + postcode.substring(0, 4) + " (" + placeName
                        + "); drag the pin to the house.";
    }
}
