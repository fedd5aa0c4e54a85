package nl.noaber.geo;

import static nl.noaber.support.InvalidInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeTest {

    @ParameterizedTest
    @CsvSource({"2035AB, 2035AB", "2035 ab, 2035AB", "' 2035  Ab ', 2035AB", "2035\tAB, 2035AB", "9999zz, 9999ZZ"})
    void spacesGoAndLettersAreCapitalised(String raw, String normalised) {
        Postcode postcode = Postcode.parse("postcode", raw);
        assertThat(postcode.value()).isEqualTo(normalised);
        assertThat(postcode.pc4()).isEqualTo(normalised.substring(0, 4));
        assertThat(postcode.hasLetters()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011", " 2011 ", "1000"})
    void fourDigitsAloneNameTheArea(String raw) {
        Postcode postcode = Postcode.parse("postcode", raw);
        assertThat(postcode.value()).isEqualTo(raw.trim());
        assertThat(postcode.pc4()).isEqualTo(raw.trim());
        assertThat(postcode.hasLetters()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123AB", "0123", "ABCD", "ABCD12", "12345", "123", "2035A", "2035ABC", "2035-AB", "2035 A B1",
            "２０３５AB", "2035ÄB"})
    void anythingElseIsRefusedNamingTheField(String raw) {
        assertInvalid(() -> Postcode.parse("home.postcode", raw), "home.postcode", "Postcode");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingPostcodeIsRefusedAsBlank(String raw) {
        assertInvalid(() -> Postcode.parse("postcode", raw), "postcode", "NotBlank");
    }
}
