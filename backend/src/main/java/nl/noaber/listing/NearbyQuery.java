package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.noaber.web.ApiException;
import org.locationtech.jts.geom.Point;

/**
 * A search for open listings of one kind near a point, nearest first.
 *
 * @param excludeParticipant the caller's own participant: their listings are left out, and those of anyone
 *     they blocked or who blocked them
 * @param after where the previous page ended, or null for the first page
 */
public record NearbyQuery(
        Kind kind,
        Point point,
        int radiusMetres,
        @Nullable String category,
        @Nullable Long excludeParticipant,
        int limit,
        @Nullable Cursor after) {

    public static final int MAX_RADIUS_METRES = 50_000;
    public static final int MAX_LIMIT = 100;

    /**
     * The position after the last item of a page: its rank (the planar distance of its public
     * place that the scan orders by, so it tells nothing the page did not) and its id.
     */
    public record Cursor(double rank, long id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((Double.toString(rank) + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        public static Cursor decode(String field, String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
                int colon = plain.indexOf(':');
                double distance = Double.parseDouble(plain.substring(0, colon));
                long id = Long.parseLong(plain.substring(colon + 1));
                if (!Double.isFinite(distance) || distance < 0 || id < 0) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(distance, id);
            } catch (RuntimeException e) {
                throw ApiException.invalid(field, "Cursor", "not a cursor from a previous page");
            }
        }
    }
}
