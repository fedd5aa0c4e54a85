package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import nl.noaber.geo.LatLon;

/**
 * A listing as its owner (and the makelaar) sees it: the exact place included, and a request's own
 * search radius (null: the city's default).
 */
@Serdeable
public record ListingView(
        long id,
        Kind kind,
        String category,
        String title,
        String description,
        LatLon place,
        LatLon publicPlace,
        @Nullable String neighbourhood,
        Schedule schedule,
        Status status,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Integer searchRadiusMetres) {}
