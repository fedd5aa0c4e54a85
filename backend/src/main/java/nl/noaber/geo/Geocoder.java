package nl.noaber.geo;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/** Finds a place from a Dutch postcode and house number. */
public interface Geocoder {

    /** Empty when the postcode is unknown; throws nothing for well-formed input. */
    Optional<GeocodedPlace> locate(Postcode postcode, @Nullable HouseNumber houseNumber);
}
