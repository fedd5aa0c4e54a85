package nl.noaber.listing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.noaber.web.PlainText;

/**
 * What a participant writes to create or change a request or offer. Without a place, the
 * listing is at the participant's home. {@code searchRadiusMetres} (requests only): how far from the
 * request matching looks for helpers; left out, the city's default. Unknown properties are passed
 * over (not refused, as elsewhere), so a client may send back the {@link ListingView} it read, changed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Serdeable
public record ListingInput(
        @NotBlank @Size(max = 40) String category,
        @NotBlank @Size(max = 120) @PlainText String title,
        @Nullable @Size(max = 2000) @PlainText String description,
        @Nullable Place place,
        @NotNull @Valid Schedule schedule,
        @Nullable @Min(100) @Max(50_000) Integer searchRadiusMetres) {

    @Serdeable
    public record Place(@Nullable Double lat, @Nullable Double lon) {}
}
