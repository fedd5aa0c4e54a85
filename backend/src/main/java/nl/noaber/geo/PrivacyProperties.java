package nl.noaber.geo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How coarse the public places of listings are.
 *
 * @param gridMetres edge of a grid cell; an exact place is shown as the centre of its cell (default 400 m)
 * @param distanceStepMetres distances shown to others are rounded to this step (default 100 m)
 */
@ConfigurationProperties("noaber.privacy")
public record PrivacyProperties(
        @Bindable(defaultValue = "400") @Min(100) @Max(5000) int gridMetres,
        @Bindable(defaultValue = "100") @Min(10) @Max(1000) int distanceStepMetres) {}
