package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** A home place: a postcode (and house number), or a point picked on a map. Exactly one of the two. */
@Serdeable
public record HomeUpdate(
        @Nullable @Size(max = 10) String postcode,
        @Nullable @Size(max = 12) String houseNumber,
        @Nullable Double lat,
        @Nullable Double lon) {}
