package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import nl.noaber.geo.LatLon;

/**
 * A listing as any neighbour sees it. The place is the centre of its privacy grid cell
 * ({@code placePrecisionMetres} across) and the distance, rounded, is measured from there; no
 * address, name, phone number or email of the owner is in it.
 */
@Serdeable
public record PublicListing(
        long id,
        Kind kind,
        String category,
        String title,
        String description,
        LatLon publicPlace,
        int placePrecisionMetres,
        @Nullable String neighbourhood,
        @Nullable Integer distanceMetres,
        Schedule schedule,
        Instant createdAt) {}
