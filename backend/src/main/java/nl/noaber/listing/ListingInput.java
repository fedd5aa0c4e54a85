package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
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
 * request matching looks for helpers; left out, the city's default. The read-only parts of a
 * {@link ListingView} ({@code id}, {@code kind}, ...) are taken and passed over, so a client may send
 * back the view it read, changed; any other property is refused (400 {@code Unknown}), so a
 * misspelt {@code searchRadiusMeters} does not clear the radius.
 */
@Serdeable
public record ListingInput(
        @NotBlank @Size(max = 40) String category,
        @NotBlank @Size(max = 120) @PlainText String title,
        @Nullable @Size(max = 2000) @PlainText String description,
        @Nullable Place place,
        @NotNull @Valid Schedule schedule,
        @Nullable @Min(100) @Max(50_000) Integer searchRadiusMetres,
        @Nullable @Schema(hidden = true) JsonNode id,
        @Nullable @Schema(hidden = true) JsonNode kind,
        @Nullable @Schema(hidden = true) JsonNode publicPlace,
        @Nullable @Schema(hidden = true) JsonNode neighbourhood,
        @Nullable @Schema(hidden = true) JsonNode status,
        @Nullable @Schema(hidden = true) JsonNode createdAt,
        @Nullable @Schema(hidden = true) JsonNode updatedAt) {

    @Serdeable
    public record Place(@Nullable Double lat, @Nullable Double lon) {}
}
