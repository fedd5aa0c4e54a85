package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.locationtech.jts.geom.Point;

/** A request or offer as stored. {@code place} is exact; {@code publicPlace} is its grid cell's centre. */
public record Listing(
        long id,
        Kind kind,
        long participantId,
        String categoryCode,
        String title,
        String description,
        Point place,
        Point publicPlace,
        @Nullable Long neighbourhoodId,
        Schedule schedule,
        Status status,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Integer searchRadiusMetres) {}
