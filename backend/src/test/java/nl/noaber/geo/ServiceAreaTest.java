package nl.noaber.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import nl.noaber.web.ApiException;
import org.junit.jupiter.api.Test;

/**
 * The service area as it is out of the box (application.yml's, not the tests' whole globe): every place
 * that people send in lies in the Netherlands, or its field is named with rule {@code ServiceArea}.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "noaber.service-area.min-lat", value = "50.5")
@Property(name = "noaber.service-area.max-lat", value = "54.0")
@Property(name = "noaber.service-area.min-lon", value = "3.0")
@Property(name = "noaber.service-area.max-lon", value = "7.5")
class ServiceAreaTest extends IntegrationTest {
    static final double LAT = 52.3791, LON = 4.6412;

    @Inject
    ServiceArea area;

    @Test
    void theDefaultIsTheNetherlands() {
        assertThat(area).isEqualTo(ServiceArea.NETHERLANDS);
        assertThat(area.describe()).isEqualTo("latitude 50.5 to 54 and longitude 3 to 7.5");
    }

    /**
     * Lat and lon swapped (off Somalia), 0 for a value left out (a subnormal 1e-320 once broke every
     * ranking and plan near it), Paris, Berlin, the North Sea west and north of the country: each refused
     * at every entry, naming the field that is outside, and nothing of it kept.
     */
    @Test
    void placesOutsideAreRefusedAtEveryEntryNamingTheField() {
        Person anna = api().residentAt("Anna Buitenland", LAT, LON);
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        double[][] places = {{LON, LAT}, {0, 0}, {4.9e-324, 1e-320}, {48.8566, 2.3522}, {LAT, 13.4}, {LAT, 2.9}, {54.1, 5.0}};
        String[] outside = {"lat", "lat", "lat", "lat", "lon", "lon", "lat"};
        for (int i = 0; i < places.length; i++) {
            double lat = places[i][0], lon = places[i][1];
            String field = outside[i];
            api().fails(() -> api().put("/api/me/home", anna, Map.of("lat", lat, "lon", lon)))
                    .isProblem(400).names(field, "ServiceArea");
            for (String kind : List.of("requests", "offers")) {
                Map<String, Object> body = Fixtures.oneOff("SHOPPING", "Boodschappen in het buitenland");
                body.put("place", Map.of("lat", lat, "lon", lon));
                api().fails(() -> api().post("/api/" + kind, anna, body)).isProblem(400).names("place." + field, "ServiceArea");
                api().fails(() -> api().get("/api/" + kind + "/nearby?lat=" + lat + "&lon=" + lon, anna))
                        .isProblem(400).names(field, "ServiceArea");
            }
            Map<String, Object> moved = Fixtures.oneOff("SHOPPING", "Verhuisde boodschappen");
            moved.put("place", Map.of("lat", lat, "lon", lon));
            api().fails(() -> api().put("/api/requests/" + request, anna, moved)).isProblem(400).names("place." + field, "ServiceArea");
            api().fails(() -> api().get("/api/matching/plan?lat=" + lat + "&lon=" + lon + "&radius=1000", makelaar))
                    .isProblem(400).names(field, "ServiceArea");
        }
        // Out of range is still Range, before the area is asked.
        api().fails(() -> api().put("/api/me/home", anna, Map.of("lat", 91, "lon", LON))).isProblem(400).names("lat", "Range");
        // Nothing moved, and the answer says what the area is.
        assertThat(api().get("/api/me/profile", anna).get("home").toString()).contains("lat=" + LAT).contains("lon=" + LON);
        Map<String, Object> kept = api().get("/api/requests/" + request, anna);
        assertThat(kept.get("title")).isEqualTo("Boodschappen");
        assertThat(kept.get("place").toString()).contains("lat=" + LAT).contains("lon=" + LON);
        assertThat(api().fails(() -> api().put("/api/me/home", anna, Map.of("lat", LON, "lon", LAT))).problem().toString())
                .contains("latitude 50.5 to 54 and longitude 3 to 7.5").contains("swapped");
    }

    /** The edges belong to the area; a place there is saved, browsed round and planned round. */
    @Test
    void theEdgesAreInside() {
        Person anna = api().residentAt("Anna Grens", 50.5, 7.5);
        Map<String, Object> body = Fixtures.oneOff("SHOPPING", "Boodschappen aan de rand");
        body.put("place", Map.of("lat", 54.0, "lon", 3.0));
        api().post("/api/requests", anna, body);
        assertThat(api().get("/api/requests/nearby?lat=54.0&lon=3.0&radius=1000", anna)).containsKey("items");
        assertThat(api().get("/api/matching/plan?lat=54&lon=3&radius=1000", api().staff("MAKELAAR")).toString())
                .contains("Boodschappen aan de rand");
    }

    @Test
    void anAreaIsSouthBelowNorthAndWestBelowEastOnTheGlobe() {
        assertThat(new ServiceArea(52.2, 52.5, 4.5, 4.8).contains(52.38, 4.64)).isTrue();
        assertThat(new ServiceArea(52.2, 52.5, 4.5, 4.8).contains(52.6, 4.64)).isFalse();
        assertThatThrownBy(() -> new ServiceArea(54, 50.5, 3, 7.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceArea(50.5, 54, 7.5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceArea(-91, 54, 3, 7.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceArea(50.5, 54, 3, 181)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceArea(Double.NaN, 54, 3, 7.5)).isInstanceOf(IllegalArgumentException.class);
        // A tighter area names it in its answer.
        assertThatThrownBy(() -> new ServiceArea(52.25, 52.45, 4.55, 4.75).checked("lat", 52.5, "lon", 4.6))
                .isInstanceOf(ApiException.class).hasMessageContaining("latitude 52.25 to 52.45 and longitude 4.55 to 4.75");
    }
}
