package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.noaber.web.PlainText;

/**
 * Everything a participant edits on their profile except the home place (see {@link HomeUpdate}).
 * The read-only parts of a {@link ProfileView} ({@code id}, {@code email}, {@code home}, ...) are
 * taken and passed over, so a client may send back the view it read, changed; any other property is
 * refused (400 {@code Unknown}), so a misspelt {@code phone} does not clear the phone number.
 */
@Serdeable
public record ProfileUpdate(
        @NotBlank @Size(max = 80) @PlainText String displayName,
        @Nullable @Size(max = 30) List<@NotBlank @Size(max = 40) String> skills,
        @Nullable @Size(max = 10) List<@NotNull @Pattern(regexp = "^[a-z]{2,3}$", message = "an ISO 639 language code such as nl, en, ar") String> languages,
        @Nullable @Size(max = 21) List<@NotNull @Pattern(regexp = "^(MON|TUE|WED|THU|FRI|SAT|SUN)_(MORNING|AFTERNOON|EVENING)$",
                message = "a day and part of day such as TUE_MORNING") String> availability,
        @Min(100) @Max(50_000) int travelRadiusMetres,
        @Nullable @Pattern(regexp = "^\\+?[0-9][0-9 ()-]{5,19}$", message = "a phone number such as 023 511 5115 or +31 23 511 5115") String phone,
        @Nullable @Size(max = 5) List<@NotNull @Pattern(regexp = "^(EMAIL|PHONE|SMS|POST|VIA_MAKELAAR)$",
                message = "one of EMAIL, PHONE, SMS, POST, VIA_MAKELAAR") String> contactChannels,
        @NotNull @Pattern(regexp = "^(nl|en)$", message = "nl or en") String preferredLanguage,
        @Nullable @Min(0) @Max(100) Integer capacity,
        @Nullable @Schema(hidden = true) JsonNode id,
        @Nullable @Schema(hidden = true) JsonNode email,
        @Nullable @Schema(hidden = true) JsonNode home,
        @Nullable @Schema(hidden = true) JsonNode neighbourhood,
        @Nullable @Schema(hidden = true) JsonNode createdAt,
        @Nullable @Schema(hidden = true) JsonNode updatedAt) {

    List<String> skillsOrEmpty() {
        return skills == null ? List.of() : skills.stream().distinct().toList();
    }

    List<String> languagesOrEmpty() {
        return languages == null ? List.of() : languages.stream().distinct().toList();
    }

    List<String> availabilityOrEmpty() {
        return availability == null ? List.of() : availability.stream().distinct().toList();
    }

    List<String> contactChannelsOrEmpty() {
        return contactChannels == null ? List.of() : contactChannels.stream().distinct().toList();
    }
}
