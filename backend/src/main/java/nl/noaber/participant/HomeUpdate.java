package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import nl.noaber.web.PlainText;

/** A home place: a postcode (and house number), or a point picked on a map. Exactly one of the two. */
@Serdeable
public record HomeUpdate(
        @Nullable @Size(max = 10) @PlainText String postcode,
        @Nullable @Size(max = 12) @PlainText String houseNumber,
        @Nullable Double lat,
        @Nullable Double lon) {}
