package nl.noaber.place;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class GeocodeTest extends IntegrationTest {

    @Inject
    Db db;

    @Test
    void aPostcodeWithoutAnAddressPointFallsBackToItsAreaAndSaysSo() {
        Person p = api().resident("Postcode");
        Map<String, Object> found = api().get("/api/geocode?postcode=2035%20AB&houseNumber=12", p);
        assertThat(found.get("precision")).isEqualTo("POSTCODE_AREA");
        assertThat(found.get("postcode")).isEqualTo("2035AB");
        assertThat(found.get("placeName")).isEqualTo("Haarlem");
        assertThat((String) found.get("noteEn")).contains("centre of postcode area 2035").contains("drag the pin");
        assertThat((String) found.get("noteNl")).contains("postcodegebied 2035");
        assertThat(((Map<?, ?>) found.get("neighbourhood")).get("name")).isEqualTo("Boerhaavewijk");
        // Only the four digits work too.
        assertThat(api().get("/api/geocode?postcode=2011", p).get("precision")).isEqualTo("POSTCODE_AREA");
    }

    @Test
    void anImportedAddressPointIsUsedWhenItHoldsTheAddress() {
        db.update("""
                INSERT INTO address_point (postcode, house_number, addition, place)
                VALUES ('2011AB', 7, '', CAST(ST_SetSRID(ST_MakePoint(4.6351, 52.3838), 4326) AS geography))
                ON CONFLICT DO NOTHING
                """, ps -> {});
        Person p = api().resident("Adres");
        Map<String, Object> found = api().get("/api/geocode?postcode=2011ab&houseNumber=7", p);
        assertThat(found.get("precision")).isEqualTo("ADDRESS");
        Map<?, ?> place = (Map<?, ?>) found.get("place");
        assertThat(((Number) place.get("lat")).doubleValue()).isEqualTo(52.3838);
        assertThat(((Number) place.get("lon")).doubleValue()).isEqualTo(4.6351);
        // Another number in the same postcode falls back to the area.
        assertThat(api().get("/api/geocode?postcode=2011AB&houseNumber=9", p).get("precision")).isEqualTo("POSTCODE_AREA");
    }

    @Test
    void malformedAndUnknownPostcodesAreRefusedClearly() {
        Person p = api().resident("Fout");
        api().fails(() -> api().get("/api/geocode?postcode=ABCD12", p)).isProblem(400).names("postcode", "Postcode");
        api().fails(() -> api().get("/api/geocode?postcode=0123AB", p)).isProblem(400).names("postcode", "Postcode");
        api().fails(() -> api().get("/api/geocode", p)).isProblem(400).names("postcode", "NotBlank");
        api().fails(() -> api().get("/api/geocode?postcode=2035AB&houseNumber=twaalf", p)).isProblem(400)
                .names("houseNumber", "HouseNumber");
        api().fails(() -> api().get("/api/geocode?postcode=1234AB", p)).isProblem(422).names("postcode", "unknown-postcode");
        api().fails(() -> api().get("/api/geocode?postcode=2035AB", null)).isProblem(401);
    }
}
