package nl.noaber.web;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Where a page of a list ordered by (time, id) ends: the last item's time and id, as an opaque
 * text. The next page is the items after it in the list's order (keyset paging), so items written
 * between two requests neither repeat nor slip through.
 *
 * @param at the last item's time
 * @param id the last item's id
 */
public record TimeCursor(Instant at, long id) {
    /** The times a cursor may carry: any a page can give, and none the database cannot take. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "/" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor given as {@code field}; null or blank: the first page. A 400 naming the field otherwise. */
    public static @Nullable TimeCursor decode(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
            int slash = plain.lastIndexOf('/');
            long id = Long.parseLong(plain.substring(slash + 1));
            if (id < 0) {
                throw new IllegalArgumentException();
            }
            Instant at = Instant.parse(plain.substring(0, slash));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException();
            }
            return new TimeCursor(at, id);
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, "Cursor", "not a cursor from a previous page");
        }
    }

    /**
     * The condition that a row of a list ordered by {@code time} then {@code id} (columns as the
     * statement names them) comes after the cursor: newest first, or oldest first. It holds three
     * parameters, which {@link #bind} fills; with no cursor it holds for every row.
     */
    public static String after(String time, String id, boolean newestFirst) {
        return "(CAST(? AS timestamptz) IS NULL OR (" + time + ", " + id + ") " + (newestFirst ? "<" : ">") + " (?, ?))";
    }

    /**
     * Binds where a page starts as the three parameters of {@link #after} from {@code first} on: the
     * time twice and the id; all null (and 0) for the first page.
     */
    public static void bind(PreparedStatement ps, int first, @Nullable TimeCursor after) throws SQLException {
        OffsetDateTime at = after == null ? null : OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC);
        ps.setObject(first, at, Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(first + 1, at, Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setLong(first + 2, after == null ? 0 : after.id());
    }

    /**
     * The page from rows read one beyond {@code limit}: the first {@code limit}, and a cursor after the
     * last of them when there was one more.
     */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, Instant> at, Function<T, Long> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        T last = items.get(limit - 1);
        return new Page<>(items, new TimeCursor(at.apply(last), id.apply(last)).encode());
    }
}
