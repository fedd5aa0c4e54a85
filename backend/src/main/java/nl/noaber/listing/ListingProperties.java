package nl.noaber.listing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How listings age ({@code noaber.listings.*}).
 *
 * @param expireAfter how long after its time went by (a one-off window's end, a recurrence's last day) an
 *                    open request or offer with nothing hanging on it expires (default 7 days): long enough
 *                    for a makelaar to agree a new time first, short enough that neighbours, the city-wide
 *                    plan and the digests no longer offer help for a day long gone
 * @param expiry      whether this instance looks for listings to expire, every hour (default true; the
 *                    tests run it themselves)
 */
@ConfigurationProperties("noaber.listings")
public record ListingProperties(
        @Bindable(defaultValue = "7d") Duration expireAfter,
        @Bindable(defaultValue = "true") boolean expiry) {

    public ListingProperties {
        if (expireAfter.isNegative() || expireAfter.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("noaber.listings.expire-after is between 0 and 365 days");
        }
    }
}
