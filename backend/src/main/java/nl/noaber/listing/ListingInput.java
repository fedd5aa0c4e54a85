package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a participant writes to create or change a request or offer. Without a place, the
 * listing is at the participant's home.
 */
@Serdeable
public record ListingInput(
        @NotBlank @Size(max = 40) String category,
        @NotBlank @Size(max = 120) String title,
        @Nullable @Size(max = 2000) String description,
        @Nullable Place place,
        @NotNull @Valid Schedule schedule) {

    @Serdeable
    public record Place(@Nullable Double lat, @Nullable Double lon) {}
}
