package nl.noaber.geo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How coarse the public places of listings are, and how long a finished match keeps sharing
 * contact details ({@code noaber.privacy.*}).
 *
 * @param gridMetres edge of a grid cell; an exact place is shown as the centre of its cell (default 400 m)
 * @param distanceStepMetres distances shown to others are rounded to this step (default 100 m)
 * @param contactAfterCompletion how long after a match is completed its two sides still see each other's address
 *                               and contact details (to return a borrowed ladder, or say thanks by phone); after
 *                               that only the makelaar does (default 30 days; 0 ends the sharing at completion)
 */
@ConfigurationProperties("noaber.privacy")
public record PrivacyProperties(
        @Bindable(defaultValue = "400") @Min(100) @Max(5000) int gridMetres,
        @Bindable(defaultValue = "100") @Min(10) @Max(1000) int distanceStepMetres,
        @Bindable(defaultValue = "30d") Duration contactAfterCompletion) {

    public PrivacyProperties {
        if (contactAfterCompletion.isNegative() || contactAfterCompletion.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("noaber.privacy.contact-after-completion is between 0 and 3650 days");
        }
    }
}
