package nl.noaber.place;

import static nl.noaber.support.InvalidInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import nl.noaber.geo.LatLon;
import nl.noaber.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPointCsvTest {
    private static final String HEADER = "postcode,house_number,addition,lat,lon\n";

    @Test
    void rowsBecomeNormalisedAddressPoints() throws IOException {
        List<AddressPoint> points = parse(HEADER + "2011 ab,7,,52.3838,4.6351\n2011AB,7,b,52.38381,4.63512\n");
        assertThat(points).extracting(p -> p.postcode().value(), AddressPoint::houseNumber, AddressPoint::addition,
                AddressPoint::place).containsExactly(
                        tuple("2011AB", 7, "", new LatLon(52.3838, 4.6351)),
                        tuple("2011AB", 7, "B", new LatLon(52.38381, 4.63512)));
    }

    @Test
    void quotesWindowsLineEndsAByteOrderMarkAndBlankLinesAreFine() throws IOException {
        String csv = "\uFEFF\"postcode\",\"house_number\",\"addition\",\"lat\",\"lon\"\r\n"
                + "\"2011AB\",\"7\",\"\",\"52.3838\",\"4.6351\"\r\n"
                + "\r\n"
                + " 2011AB , 9 , A ,+52.3839, 4.6352 \r\n";
        assertThat(parse(csv)).hasSize(2).last()
                .satisfies(p -> assertThat(p.addition()).isEqualTo("A"))
                .satisfies(p -> assertThat(p.place()).isEqualTo(new LatLon(52.3839, 4.6352)));
    }

    @Test
    void aQuotedValueMayHoldCommasAndQuotes() {
        assertThat(AddressPointCsv.fields("a,\"b,c\",\"d \"\"e\"\"\",,")).containsExactly("a", "b,c", "d \"e\"", "", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postcode,house_number,addition,lon,lat", "postcode,huisnummer,toevoeging,lat,lon",
            "postcode;house_number;addition;lat;lon", "postcode,house_number,lat,lon", "2011AB,7,,52.3838,4.6351"})
    void anyOtherHeaderIsRefused(String header) {
        assertInvalid(() -> parse(header + "\n2011AB,7,,52.3838,4.6351\n"), "header", "Header");
    }

    @Test
    void theHeaderIsCaseAndSpaceTolerant() throws IOException {
        assertThat(parse(" Postcode , HOUSE_NUMBER,addition , lat,lon\n2011AB,7,,52.3838,4.6351\n")).hasSize(1);
    }

    @Test
    void linesAreNumberedAsAnEditorShowsThem() {
        // Line 1 blank, header on line 2, a blank line 3, the bad row on line 5.
        String csv = "\n" + HEADER + "\n2011AB,7,,52.3838,4.6351\n2011AB,8,,52.3838,4.6351,extra\n";
        assertInvalid(() -> parse(csv), "line 5", "Columns");
    }

    @Test
    void everyBadLineIsListedUpToALimit() {
        String csv = HEADER + "x,1,,52.38,4.63\n".repeat(AddressPointCsv.MAX_ERRORS + 10);
        assertThatThrownBy(() -> parse(csv)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.problem().errors()).hasSize(AddressPointCsv.MAX_ERRORS);
            assertThat(e.problem().errors().get(0).field()).isEqualTo("line 2: postcode");
            assertThat(e.problem().detail()).startsWith("at least " + AddressPointCsv.MAX_ERRORS);
        });
    }

    @Test
    void moreRowsThanTheLimitAre413() {
        String csv = HEADER + "2011AB,7,,52.3838,4.6351\n".repeat(4);
        assertThatThrownBy(() -> AddressPointCsv.parse(new StringReader(csv), 3)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().detail()).contains("at most 3 addresses");
                });
    }

    @Test
    void emptyFilesAreRefused() {
        assertInvalid(() -> parse(""), "body", "NotBlank");
        assertInvalid(() -> parse(" \n\n"), "body", "NotBlank");
        assertInvalid(() -> parse(HEADER + "\n"), "body", "NotEmpty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x34", "52,3", "1e1", "52.3d", "NaN", "Infinity", "", "52.", ".5"})
    void coordinatesAreDecimalDegrees(String lat) {
        assertInvalid(() -> parse(HEADER + "2011AB,7,,\"" + lat + "\",4.6351\n"), "line 2: lat", "Number");
    }

    @Test
    void placesOutsideTheNetherlandsAreRefused() {
        assertInvalid(() -> parse(HEADER + "2011AB,7,,90.5,4.6351\n"), "line 2: lat", "Range");
        assertInvalid(() -> parse(HEADER + "2011AB,7,,52.3838,180.5\n"), "line 2: lon", "Range");
        // Swapped columns, and the Dutch national grid (RD, metres) instead of degrees.
        assertInvalid(() -> parse(HEADER + "2011AB,7,,4.6351,52.3838\n"), "line 2: lat", "InTheNetherlands");
        assertInvalid(() -> parse(HEADER + "2011AB,7,,488100.5,103600.2\n"), "line 2: lat", "Number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011AB,0,,52.38,4.63", "2011AB,100000,,52.38,4.63", "2011AB,7a,,52.38,4.63",
            "2011AB,-7,,52.38,4.63"})
    void houseNumbersAreWholeNumbersFromOne(String row) {
        assertInvalid(() -> parse(HEADER + row + "\n"), "line 2: house_number", "HouseNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011AB,7,A-2,52.38,4.63", "2011AB,7,ABCDEFG,52.38,4.63", "2011AB,7,é,52.38,4.63"})
    void additionsAreWhatTheGeocoderCanBeAskedFor(String row) {
        assertInvalid(() -> parse(HEADER + row + "\n"), "line 2: addition", "Addition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011,7,,52.38,4.63", "0123AB,7,,52.38,4.63", "2011A,7,,52.38,4.63"})
    void postcodesAreFullDutchPostcodes(String row) {
        assertInvalid(() -> parse(HEADER + row + "\n"), "line 2: postcode", "Postcode");
    }

    private static List<AddressPoint> parse(String csv) throws IOException {
        return AddressPointCsv.parse(new StringReader(csv));
    }
}
