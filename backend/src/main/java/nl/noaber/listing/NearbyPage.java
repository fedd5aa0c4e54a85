package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of nearby listings, nearest first; pass {@code nextCursor} back for the next page. */
@Serdeable
public record NearbyPage(List<PublicListing> items, @Nullable String nextCursor) {}
