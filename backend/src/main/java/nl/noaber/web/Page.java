package nl.noaber.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list in its fixed order; pass {@code nextCursor} back as {@code cursor} for the next
 * page (absent on the last page).
 *
 * @param items      this page's items
 * @param nextCursor where the next page starts, or null when there is none
 * @param <T>        the item type
 */
@Serdeable
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /** The most items a page may ask for. */
    public static final int MAX_LIMIT = 100;
    /** The items a page has when it does not ask. */
    public static final int DEFAULT_LIMIT = 50;

    /** The {@code limit} query value checked: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when left out. */
    public static int limit(@Nullable Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.invalid("limit", "Range", "the limit must be between 1 and " + MAX_LIMIT);
        }
        return n;
    }
}
