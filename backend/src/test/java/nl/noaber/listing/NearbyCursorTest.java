package nl.noaber.listing;

import static nl.noaber.support.InvalidInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.noaber.listing.NearbyQuery.Cursor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NearbyCursorTest {

    @ParameterizedTest
    @CsvSource({"0.0, 0", "1234.5678, 42", "0.00001, 7", "49999.99999999, 9223372036854775807", "1.0E10, 1"})
    void aCursorSurvivesTheRoundTrip(double distance, long id) {
        Cursor cursor = new Cursor(distance, id);
        String text = cursor.encode();
        // It goes into a URL as it is.
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode("cursor", text)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "!!!", "====", "%20", "MTIzNA"})
    void garbageIsRefusedNamingTheField(String text) {
        assertInvalid(() -> Cursor.decode("cursor", text), "cursor", "Cursor");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNoCursor(String text) {
        assertInvalid(() -> Cursor.decode("cursor", text), "cursor", "Cursor");
    }

    /** Well-formed base64 of something that is not a position: refused rather than used in the query. */
    @ParameterizedTest
    @ValueSource(strings = {"NaN:1", "Infinity:1", "-1.0:5", "1.0:-2", "1.0:", ":5", "1.0:2:3", "1.0:99999999999999999999",
            "abc:1"})
    void aForgedCursorIsRefused(String plain) {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
        assertInvalid(() -> Cursor.decode("cursor", text), "cursor", "Cursor");
    }
}
