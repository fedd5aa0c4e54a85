package nl.noaber.place;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.noaber.db.Db;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class AddressPointImportTest extends IntegrationTest {
    private static final String HEADER = "postcode,house_number,addition,lat,lon\n";

    @Inject
    Db db;

    private final Random random = new Random();

    @Test
    void importedAddressesAreGeocodedToTheirOwnPoint() {
        String postcode = freshPostcode();
        String csv = HEADER
                + postcode + ",12,,53.2171234,6.5663211\n"
                + postcode.substring(0, 4) + " " + postcode.substring(4).toLowerCase() + ",12,a,53.2172,6.5664\r\n"
                + "\"" + postcode + "\",14,\"\",53.2175,6.5668\n"
                + "\n";
        assertThat(importCsv(csv, api().coordinator()).get("imported")).isEqualTo(3);

        Person resident = api().resident("Groningen");
        Map<String, Object> found = api().get("/api/geocode?postcode=" + postcode + "&houseNumber=12", resident);
        assertThat(found.get("precision")).isEqualTo("ADDRESS");
        assertThat(latLon(found)).containsExactly(53.2171234, 6.5663211);
        assertThat(latLon(api().get("/api/geocode?postcode=" + postcode + "&houseNumber=12A", resident)))
                .containsExactly(53.2172, 6.5664);

        // Imported again, an address moves to its new place; a new coordinator may do it too.
        Person coordinator = api().staff("COORDINATOR");
        assertThat(importCsv(HEADER + postcode + ",14,,53.2176,6.5669\n", coordinator).get("imported")).isEqualTo(1);
        assertThat(latLon(api().get("/api/geocode?postcode=" + postcode + "&houseNumber=14", resident)))
                .containsExactly(53.2176, 6.5669);
        assertThat(count(postcode)).isEqualTo(3);
    }

    @Test
    void aBadLineInTheMiddleImportsNothingAndIsNamed() {
        String postcode = freshPostcode();
        String csv = HEADER
                + postcode + ",1,,53.21,6.56\n"
                + "97AB,2,,53.21,6.56\n"
                + postcode + ",3,,53.21,6.56\n";
        api().fails(() -> importCsv(csv, api().coordinator())).isProblem(400).names("line 3: postcode", "Postcode");
        assertThat(count(postcode)).isZero();
        Person resident = api().resident("Leeg");
        assertThat(api().get("/api/geocode?postcode=" + postcode + "&houseNumber=1", resident).get("precision"))
                .isEqualTo("POSTCODE_AREA");
    }

    @Test
    void everyKindOfBadInputIsA400NamingLineAndColumn() {
        Person coordinator = api().coordinator();
        String pc = freshPostcode();
        api().fails(() -> importCsv("", coordinator)).isProblem(400).names("body", "NotBlank");
        api().fails(() -> importCsv(HEADER, coordinator)).isProblem(400).names("body", "NotEmpty");
        api().fails(() -> importCsv("postcode;house_number;addition;lat;lon\n" + pc + ";1;;53.21;6.56\n", coordinator))
                .isProblem(400).names("header", "Header");
        api().fails(() -> importCsv("pc,nr,lat,lon\n" + pc + ",1,53.21,6.56\n", coordinator))
                .isProblem(400).names("header", "Header");
        api().fails(() -> importCsv(HEADER + pc + ",1,,91,6.56\n", coordinator)).isProblem(400).names("line 2: lat", "Range");
        api().fails(() -> importCsv(HEADER + pc + ",1,,53.21,-181\n", coordinator)).isProblem(400).names("line 2: lon", "Range");
        api().fails(() -> importCsv(HEADER + pc + ",1,,6.56,53.21\n", coordinator))
                .isProblem(400).names("line 2: lat", "InTheNetherlands");
        api().fails(() -> importCsv(HEADER + pc + ",1,,52°N,6.56\n", coordinator)).isProblem(400).names("line 2: lat", "Number");
        api().fails(() -> importCsv(HEADER + pc + ",0,,53.21,6.56\n", coordinator))
                .isProblem(400).names("line 2: house_number", "HouseNumber");
        api().fails(() -> importCsv(HEADER + pc + ",1,A-2,53.21,6.56\n", coordinator))
                .isProblem(400).names("line 2: addition", "Addition");
        api().fails(() -> importCsv(HEADER + pc.substring(0, 4) + ",1,,53.21,6.56\n", coordinator))
                .isProblem(400).names("line 2: postcode", "Postcode");
        // Blank lines count, so the number is the one an editor shows.
        api().fails(() -> importCsv(HEADER + "\n" + pc + ",1,53.21,6.56\n", coordinator)).isProblem(400).names("line 3", "Columns");

        var several = api().fails(() -> importCsv(HEADER + "x,1,,53.21,6.56\n" + pc + ",1,,53.21,6.56\n" + pc + ",y,,53.21,6.56\n",
                coordinator)).isProblem(400).names("line 2: postcode", "Postcode").names("line 4: house_number", "HouseNumber");
        assertThat((List<?>) several.problem().get("errors")).hasSize(2);
        assertThat(count(pc)).isZero();
    }

    @Test
    void moreThanHalfAMillionRowsInOneRequestAreRefused() {
        String pc = freshPostcode();
        StringBuilder csv = new StringBuilder(HEADER);
        String row = pc + ",1,,53.21,6.56\n";
        for (int i = 0; i <= AddressPointCsv.MAX_ROWS; i++) {
            csv.append(row);
        }
        var failure = api().fails(() -> importCsv(csv.toString(), api().coordinator())).isProblem(413);
        assertThat((String) failure.problem().get("detail")).contains("500000").contains("split the file");
        assertThat(count(pc)).isZero();
    }

    @Test
    void aFileBrokenThroughoutListsTheFirstErrorsAndTheConnectionStaysUsable() {
        String pc = freshPostcode();
        String csv = HEADER + "x,1,,53.21,6.56\n".repeat(AddressPointCsv.MAX_ERRORS + 5)
                + (pc + ",1,,53.21,6.56\n").repeat(200_000);
        var failure = api().fails(() -> importCsv(csv, api().coordinator())).isProblem(400)
                .names("line 2: postcode", "Postcode");
        assertThat((List<?>) failure.problem().get("errors")).hasSize(AddressPointCsv.MAX_ERRORS);
        assertThat((String) failure.problem().get("detail")).contains("nothing was imported");
        // The server stopped parsing early but read the rest, so the connection serves the next requests.
        for (int i = 0; i < 3; i++) {
            assertThat(api().getList("/api/categories", null)).isNotEmpty();
        }
        assertThat(importCsv(HEADER + pc + ",2,,53.21,6.56\n", api().coordinator()).get("imported")).isEqualTo(1);
        assertThat(count(pc)).isEqualTo(1);
    }

    @Test
    void onlyCoordinatorsImportAndOnlyCsv() {
        String csv = HEADER + freshPostcode() + ",1,,53.21,6.56\n";
        api().fails(() -> importCsv(csv, null)).isProblem(401);
        api().fails(() -> importCsv(csv, api().resident("Nieuwsgierig"))).isProblem(403);
        api().fails(() -> importCsv(csv, api().staff("MAKELAAR"))).isProblem(403);
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/address-points", Map.of("postcode", "9701AB"))
                .contentType(MediaType.APPLICATION_JSON_TYPE), api().coordinator())).isProblem(415);
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/address-points", csv)
                .contentType(MediaType.TEXT_PLAIN_TYPE), api().coordinator())).isProblem(415);
    }

    private Map<String, Object> importCsv(String csv, Person who) {
        return Fixtures.parse(api().exchange(HttpRequest.PUT("/api/address-points", csv).contentType("text/csv"), who)
                .body());
    }

    private static List<Double> latLon(Map<String, Object> geocoded) {
        Map<?, ?> place = (Map<?, ?>) geocoded.get("place");
        return List.of(((Number) place.get("lat")).doubleValue(), ((Number) place.get("lon")).doubleValue());
    }

    /** A postcode in a known Groningen area (97xx) with letters no other test uses; the database is kept between runs. */
    private String freshPostcode() {
        String pc4 = db.one("SELECT pc4 FROM postcode_area WHERE pc4 LIKE '97%' ORDER BY random() LIMIT 1", ps -> {},
                rs -> rs.getString(1)).orElseThrow();
        for (int attempt = 0; attempt < 100; attempt++) {
            String postcode = pc4 + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            if (count(postcode) == 0) {
                return postcode;
            }
        }
        throw new IllegalStateException("no unused postcode left in " + pc4);
    }

    private long count(String postcode) {
        return db.one("SELECT count(*) FROM address_point WHERE postcode = ?", ps -> ps.setString(1, postcode),
                rs -> rs.getLong(1)).orElseThrow();
    }
}
