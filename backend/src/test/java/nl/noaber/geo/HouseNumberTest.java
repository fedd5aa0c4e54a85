package nl.noaber.geo;

import static nl.noaber.support.InvalidInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HouseNumberTest {

    @ParameterizedTest(name = "\"{0}\" is {1} with addition \"{2}\"")
    @CsvSource({
            "12, 12, ''", "' 7 ', 7, ''", "99999, 99999, ''",
            "12a, 12, A", "12 A, 12, A", "12-2, 12, 2", "12 - 2, 12, 2", "12/3, 12, 3",
            "12 bis, 12, BIS", "12bis, 12, BIS", "1 huis, 1, HUIS", "12-ABC123, 12, ABC123"})
    void aNumberWithAnOptionalAdditionInCapitals(String raw, int number, String addition) {
        HouseNumber parsed = HouseNumber.parse("houseNumber", raw);
        assertThat(parsed.number()).isEqualTo(number);
        assertThat(parsed.addition()).isEqualTo(addition);
    }

    @ParameterizedTest
    @CsvSource({"12, 12", "12a, 12-A", "12 bis, 12-BIS", "12/3, 12-3"})
    void itIsWrittenWithAHyphenBeforeTheAddition(String raw, String written) {
        assertThat(HouseNumber.parse("houseNumber", raw)).hasToString(written);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void noHouseNumberIsNoneRatherThanAnError(String raw) {
        assertThat(HouseNumber.parse("houseNumber", raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "012", "-1", "a12", "twaalf", "12--2", "12 a b", "12-ABCDEFG", "12.5", "12 é", "½",
            "123456", "12-"})
    void anythingElseIsRefusedNamingTheField(String raw) {
        assertInvalid(() -> HouseNumber.parse("home.houseNumber", raw), "home.houseNumber", "HouseNumber");
    }
}
