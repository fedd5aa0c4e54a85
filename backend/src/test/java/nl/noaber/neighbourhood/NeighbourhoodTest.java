package nl.noaber.neighbourhood;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import nl.noaber.geo.Places;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class NeighbourhoodTest extends IntegrationTest {

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Test
    void haarlemsTwentyOneRealWijkenAreThere() {
        Person p = api().resident("Wijk");
        List<?> all = api().getList("/api/neighbourhoods?municipality=GM0392", p);
        assertThat(all).hasSize(21);
        assertThat(all).extracting(n -> (Object) ((Map<?, ?>) n).get("name"))
                .contains("Slachthuiswijk", "Parkwijk", "Oude Stad", "Boerhaavewijk", "Meerwijk");
        assertThat(api().getList("/api/municipalities", p)).anySatisfy(m -> assertThat(((Map<?, ?>) m).get("name")).isEqualTo("Haarlem"));
        api().fails(() -> api().getList("/api/neighbourhoods", null)).isProblem(401);
    }

    @Test
    void aPlaceBelongsToTheWijkThatHoldsItOrTheNearestAcrossAGapAndNoneFarAway() {
        assertThat(neighbourhoods.containing(Places.point(52.3835, 4.6379))).map(Neighbourhood::name).hasValue("Oude Stad");
        // Just outside the generalised outline of Haarlem, a few hundred metres west of Duinwijk's edge.
        var nearest = neighbourhoods.containing(Places.point(52.3900, 4.6050));
        assertThat(nearest).isPresent();
        // Utrecht is no part of Haarlem.
        assertThat(neighbourhoods.containing(Places.point(52.0907, 5.1214))).isEmpty();
    }

    @Test
    void aCoordinatorImportsNeighbourhoodsFromGeoJsonAllOrNothing() {
        // A municipality no earlier run made (the test database is kept between runs): 800 codes collided.
        String code = "GM9" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String geojson = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"statcode": "WK%1$s01", "statnaam": "Noord"},
                   "geometry": {"type": "Polygon", "coordinates": [[[6.0, 53.0], [6.01, 53.0], [6.01, 53.01], [6.0, 53.01], [6.0, 53.0]]]}},
                  {"type": "Feature", "properties": {"statcode": "WK%1$s02", "statnaam": "Zuid"},
                   "geometry": {"type": "MultiPolygon", "coordinates": [[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [6.0, 53.0], [6.0, 52.99]]]]}}
                ]}""".formatted(code.substring(2));
        Person coordinator = api().coordinator();
        Person resident = api().resident("Importeur");
        var request = HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", geojson)
                .contentType(MediaType.APPLICATION_JSON);
        api().fails(() -> api().exchange(request, resident)).isProblem(403);
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", geojson)
                .contentType(MediaType.APPLICATION_JSON), null)).isProblem(401);

        // One broken feature: nothing of the municipality is written.
        String broken = geojson.replace("\"statnaam\": \"Zuid\"", "\"statnaam\": \"\"");
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", broken)
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("features[1].properties.statnaam", "NotBlank");
        String point = geojson.replace("\"type\": \"MultiPolygon\"", "\"type\": \"Point\"");
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", point)
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("features[1].geometry", "Polygon");
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", "{\"type\": \"Feature\"}")
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("type", "FeatureCollection");
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/gm-1/neighbourhoods?name=Testdorp", geojson)
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("code", "Pattern");
        // Values of the wrong shape, control characters and a ring too short to be an area are named;
        // none of them reaches the database half-way (they answered 500 before).
        java.util.function.BiConsumer<String, String[]> refused = (body, fieldAndRule) ->
                api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", body)
                        .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names(fieldAndRule[0], fieldAndRule[1]);
        refused.accept(geojson.replace("\"statnaam\": \"Zuid\"", "\"statnaam\": [\"Zuid\"]"),
                new String[] {"features[1].properties.statnaam", "NotBlank"});
        refused.accept(geojson.replace("\"type\": \"MultiPolygon\"", "\"type\": {}"), new String[] {"features[1].geometry", "Polygon"});
        refused.accept(geojson.replaceFirst("\"type\": \"FeatureCollection\"", "\"type\": []"), new String[] {"type", "FeatureCollection"});
        refused.accept(geojson.replace("\"statnaam\": \"Zuid\"", "\"statnaam\": \"Zu\\u0000id\""),
                new String[] {"features[1].properties.statnaam", "PlainText"});
        refused.accept(geojson.replace("[[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [6.0, 53.0], [6.0, 52.99]]]]",
                "[[[[6.0, 52.99], [6.01, 52.99], [6.0, 52.99]]]]"), new String[] {"features[1].geometry", "GeoJson"});
        refused.accept(geojson.replace("[[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [6.0, 53.0], [6.0, 52.99]]]]",
                "[[[[\"zes\", \"twee\"]]]]"), new String[] {"features[1].geometry", "GeoJson"});
        refused.accept("{\"type\": \"FeatureCollection\", \"features\": []}", new String[] {"features", "NotEmpty"});
        // Coordinates are read before the database sees them: off the globe, outside the Netherlands, larger than a neighbourhood
        // (a polygon round the world answered 500), too many points (a crossing zigzag of 50,000 points
        // kept the database busy for minutes), or not positions at all.
        String zuid = "[[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [6.0, 53.0], [6.0, 52.99]]]]";
        refused.accept(geojson.replace(zuid, "[[[[6.0, 52.99], [6.01, 52.99], [6.01, 91.0], [6.0, 52.99]]]]"),
                new String[] {"features[1].geometry", "Range"});
        refused.accept(geojson.replace(zuid, "[[[[6.0, 52.99], [6.01, 52.99], [1e309, 53.0], [6.0, 52.99]]]]"),
                new String[] {"features[1].geometry", "Range"});
        refused.accept(geojson.replace(zuid, "[[[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]]"),
                new String[] {"features[1].geometry", "InTheNetherlands"});
        // Positions given as [latitude, longitude], the wrong way round for GeoJSON, lie off Somalia.
        refused.accept(geojson.replace(zuid, "[[[[52.99, 6.0], [52.99, 6.01], [53.0, 6.01], [53.0, 6.0], [52.99, 6.0]]]]"),
                new String[] {"features[1].geometry", "InTheNetherlands"});
        refused.accept(geojson.replace(zuid, "[[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [0, 0], [6.0, 52.99]]]]"),
                new String[] {"features[1].geometry", "InTheNetherlands"});
        refused.accept(geojson.replace("[[[6.0, 53.0], [6.01, 53.0], [6.01, 53.01], [6.0, 53.01], [6.0, 53.0]]]",
                        "[[[6.0, 53.0], [6.01, 53.0], [6.01, 53.01], [6.0, 53.01], [6.0, 53.0]], [[4, 52], [4, 52.5], [4.5, 52.5], [4, 52]]]"),
                new String[] {"features[0].geometry", "Size"});
        refused.accept(geojson.replace(zuid, "[" + zigzag(NeighbourhoodImporter.MAX_POINTS_PER_FEATURE + 1) + "]"),
                new String[] {"features[1].geometry", "Size"});
        int share = NeighbourhoodImporter.MAX_POINTS_PER_IMPORT / 3 + 1; // each within a feature's points, the three not within an import's
        String three = "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(", ", java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> "{\"type\": \"Feature\", \"properties\": {\"statcode\": \"WK" + code.substring(2) + "9" + i
                        + "\", \"statnaam\": \"Zigzag\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " + zigzag(share) + "}}")
                .toList()) + "]}";
        refused.accept(three, new String[] {"features", "Size"});
        refused.accept(geojson.replace(zuid, "[[[[6.0, 52.99], [6.01], [6.01, 53.0], [6.0, 52.99]]]]"),
                new String[] {"features[1].geometry", "GeoJson"});
        refused.accept(geojson.replace(zuid, "[[[6.0, 52.99], [6.01, 52.99], [6.01, 53.0], [6.0, 52.99]]]"),
                new String[] {"features[1].geometry", "GeoJson"});
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Test%01dorp", geojson)
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("name", "PlainText");
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=%20", geojson)
                .contentType(MediaType.APPLICATION_JSON), coordinator)).isProblem(400).names("name", "NotBlank");
        api().fails(() -> api().getList("/api/neighbourhoods?municipality=GM%000392", coordinator)).isProblem(400)
                .names("municipality", "Pattern");
        assertThat(api().getList("/api/neighbourhoods?municipality=" + code, coordinator)).isEmpty();
        assertThat(api().getList("/api/municipalities", coordinator).toString()).doesNotContain(code);

        var response = api().exchange(HttpRequest.PUT("/api/municipalities/" + code + "/neighbourhoods?name=Testdorp", geojson)
                .contentType(MediaType.APPLICATION_JSON), coordinator);
        assertThat(response.getBody().orElseThrow()).contains("\"imported\":2");
        assertThat(api().getList("/api/neighbourhoods?municipality=" + code, coordinator)).hasSize(2);
        assertThat(neighbourhoods.containing(Places.point(53.005, 6.005))).map(Neighbourhood::name).hasValue("Noord");
        assertThat(neighbourhoods.containing(Places.point(52.995, 6.005))).map(Neighbourhood::name).hasValue("Zuid");

        // The same codes under another municipality's code take nothing over (CBS codes are national).
        String other = "GM9" + (10_000_000 + (long) (Math.random() * 89_999_999));
        api().fails(() -> api().exchange(HttpRequest.PUT("/api/municipalities/" + other + "/neighbourhoods?name=Overnemer",
                        geojson.replace("Noord", "Overgenomen")).contentType(MediaType.APPLICATION_JSON), coordinator))
                .isProblem(409).names("features[0].properties.statcode", "code-taken").names("features[1].properties.statcode", "code-taken");
        assertThat(neighbourhoods.containing(Places.point(53.005, 6.005))).map(Neighbourhood::name).hasValue("Noord");
        assertThat(api().getList("/api/neighbourhoods?municipality=" + code, coordinator)).hasSize(2);
        assertThat(api().getList("/api/municipalities", coordinator).toString()).doesNotContain(other);
    }

    /**
     * An import that another writer of the same rows deadlocks with runs again as a whole and succeeds:
     * PostgreSQL's deadlock error used to be taken for a broken geometry and answered 400.
     */
    @Test
    void anImportCaughtInADeadlockRunsAgainAndSucceeds() throws Exception {
        String code = "GM9" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String wijk = "WK" + code.substring(2);
        String geojson = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"statcode": "%1$s01", "statnaam": "Oost"},
                   "geometry": {"type": "Polygon", "coordinates": [[[6.2, 53.0], [6.21, 53.0], [6.21, 53.01], [6.2, 53.01], [6.2, 53.0]]]}},
                  {"type": "Feature", "properties": {"statcode": "%1$s02", "statnaam": "West"},
                   "geometry": {"type": "Polygon", "coordinates": [[[6.19, 53.0], [6.2, 53.0], [6.2, 53.01], [6.19, 53.01], [6.19, 53.0]]]}}
                ]}""".formatted(wijk);
        Person coordinator = api().coordinator();
        String uri = "/api/municipalities/" + code + "/neighbourhoods?name=Slotdorp";
        api().exchange(HttpRequest.PUT(uri, geojson).contentType(MediaType.APPLICATION_JSON), coordinator);
        String renamed = geojson.replace("West", "Westhoek");
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection other = nl.noaber.support.TestDatabase.connect()) {
            other.setAutoCommit(false);
            // The other writer holds the second wijk; the import takes the municipality and the first, then waits
            // for the second; the other writer then wants the municipality: a deadlock, which the import (waiting
            // longest) is chosen to lose.
            try (var ps = other.prepareStatement("SELECT id FROM neighbourhood WHERE code = ? FOR UPDATE")) {
                ps.setString(1, wijk + "02");
                ps.executeQuery().close();
            }
            var again = pool.submit(() -> api().exchange(HttpRequest.PUT(uri, renamed).contentType(MediaType.APPLICATION_JSON), coordinator));
            nl.noaber.support.TestDatabase.awaitSomeoneBlockedBehind(other);
            try (var ps = other.prepareStatement("SELECT id FROM municipality WHERE code = ? FOR UPDATE")) {
                ps.setString(1, code);
                ps.executeQuery().close();
            }
            other.commit();
            assertThat(again.get(60, java.util.concurrent.TimeUnit.SECONDS).getBody().orElseThrow()).contains("\"imported\":2");
        } finally {
            pool.shutdownNow();
        }
        assertThat(neighbourhoods.containing(Places.point(53.005, 6.195))).map(Neighbourhood::name).hasValue("Westhoek");
    }

    /** A Polygon's coordinates: one ring of {@code points} positions zigzagging east, closed (a last point more). */
    private static String zigzag(int points) {
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i < points - 1; i++) {
            ring.append('[').append(6.0 + i * 1e-7).append(", ").append(i % 2 == 0 ? "52.99" : "52.991").append("], ");
        }
        return ring.append("[6.0, 52.99]]]").toString();
    }
}
