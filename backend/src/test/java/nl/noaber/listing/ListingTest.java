package nl.noaber.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class ListingTest extends IntegrationTest {
    @jakarta.inject.Inject
    nl.noaber.db.Db db;
    // Parkwijk, Haarlem
    static final double LAT = 52.376, LON = 4.6673;

    @Test
    void aRequestIsAtHomeByDefaultAndItsOwnerSeesTheExactPlace() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Map<?, ?> created = api().post("/api/requests", anna, Fixtures.oneOff("SHOPPING", "Boodschappen op dinsdag"));
        assertThat(created.get("status")).isEqualTo("OPEN");
        assertThat(created.get("kind")).isEqualTo("REQUEST");
        assertThat(created.get("neighbourhood")).isEqualTo("Parkwijk");
        Map<?, ?> place = (Map<?, ?>) created.get("place");
        assertThat(((Number) place.get("lat")).doubleValue()).isEqualTo(LAT);
        assertThat(((Number) place.get("lon")).doubleValue()).isEqualTo(LON);
        assertThat(created.get("publicPlace")).isNotEqualTo(place);
        assertThat(api().getItems("/api/me/requests", anna)).hasSize(1);
    }

    @Test
    void aRecurringOfferIsKeptWithItsDaysAndParts() {
        Person bram = api().residentAt("Bram", LAT, LON);
        Map<String, Object> body = new HashMap<>(Fixtures.oneOff("DOG_WALKING", "Ik laat uw hond uit"));
        body.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", java.util.List.of("TUE", "MON", "TUE"),
                "partsOfDay", java.util.List.of("MORNING"), "startsOn", "2026-12-01"));
        body.put("place", Map.of("lat", 52.38, "lon", 4.63));
        Map<?, ?> created = api().post("/api/offers", bram, body);
        Map<?, ?> schedule = (Map<?, ?>) created.get("schedule");
        assertThat(schedule.get("days")).isEqualTo(java.util.List.of("MON", "TUE"));
        assertThat(schedule.get("frequency")).isEqualTo("WEEKLY");
        assertThat(created.get("kind")).isEqualTo("OFFER");
        assertThat(api().getItems("/api/me/offers", bram)).hasSize(1);
        assertThat(api().getItems("/api/me/requests", bram)).isEmpty();
    }

    @Test
    void ownListingsComeInPagesNewestFirst() {
        Person dirk = api().residentAt("Dirk", LAT, LON);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(api().request(dirk, "SHOPPING", "Boodschappen " + i));
        }
        api().offer(dirk, "SHOPPING", "Ik doe boodschappen");
        Map<String, Object> first = api().get("/api/me/requests?limit=2", dirk);
        assertThat(ids(first)).containsExactly(made.get(2), made.get(1));
        String next = URLEncoder.encode((String) first.get("nextCursor"), StandardCharsets.UTF_8);
        Map<String, Object> second = api().get("/api/me/requests?limit=2&cursor=" + next, dirk);
        assertThat(ids(second)).containsExactly(made.get(0));
        assertThat(second).doesNotContainKey("nextCursor");
        assertThat(api().getAllItems("/api/me/offers?limit=1", dirk)).hasSize(1);
        api().fails(() -> api().get("/api/me/requests?limit=0", dirk)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().get("/api/me/offers?limit=101", dirk)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().get("/api/me/requests?cursor=bm9wZQ", dirk)).isProblem(400).names("cursor", "Cursor");
    }

    private static List<Long> ids(Map<String, Object> page) {
        return ((List<?>) page.get("items")).stream().map(o -> Fixtures.number(((Map<?, ?>) o).get("id"))).toList();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        Person carla = api().residentAt("Carla", LAT, LON);
        Map<String, Object> backwards = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        backwards.put("schedule", Map.of("type", "ONE_OFF", "startsAt", "2026-12-01T12:00:00Z", "endsAt", "2026-12-01T10:00:00Z"));
        api().fails(() -> api().post("/api/requests", carla, backwards)).isProblem(400).names("schedule.endsAt", "AfterStart");

        api().fails(() -> api().post("/api/requests", carla, Fixtures.oneOff("ASTRONAUT", "Naar de maan")))
                .isProblem(400).names("category", "KnownCategory");
        api().fails(() -> api().post("/api/requests", carla, Fixtures.oneOff("SHOPPING", "")))
                .isProblem(400).names("title", "NotBlank");
        api().fails(() -> api().post("/api/requests", carla, Fixtures.oneOff("SHOPPING", "x".repeat(121))))
                .isProblem(400).names("title", "Size");
        Map<String, Object> longText = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        longText.put("description", "x".repeat(2001));
        api().fails(() -> api().post("/api/requests", carla, longText)).isProblem(400).names("description", "Size");
        Map<String, Object> badLat = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        badLat.put("place", Map.of("lat", 91, "lon", 4.6));
        api().fails(() -> api().post("/api/requests", carla, badLat)).isProblem(400).names("place.lat", "Range");
        Map<String, Object> badLon = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        badLon.put("place", Map.of("lat", 52, "lon", -180.5));
        api().fails(() -> api().post("/api/requests", carla, badLon)).isProblem(400).names("place.lon", "Range");
        Map<String, Object> noWindow = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        noWindow.put("schedule", Map.of("type", "ONE_OFF", "startsAt", "2026-12-01T12:00:00Z"));
        api().fails(() -> api().post("/api/requests", carla, noWindow)).isProblem(400).names("schedule.endsAt", "NotNull");
        Map<String, Object> noDays = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        noDays.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY"));
        api().fails(() -> api().post("/api/requests", carla, noDays)).isProblem(400).names("schedule.days", "NotEmpty");
        Map<String, Object> nullDay = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        java.util.List<Object> days = new java.util.ArrayList<>();
        days.add(null);
        days.add("MON");
        nullDay.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", days));
        api().fails(() -> api().post("/api/requests", carla, nullDay)).isProblem(400).names("schedule.days", "NotNull");
        Map<String, Object> nullPart = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        nullPart.put("schedule", Map.of("type", "RECURRING", "frequency", "MONTHLY", "partsOfDay", java.util.Collections.singletonList(null)));
        api().fails(() -> api().post("/api/requests", carla, nullPart)).isProblem(400).names("schedule.partsOfDay", "NotNull");
        Map<String, Object> farFuture = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        farFuture.put("schedule", Map.of("type", "ONE_OFF", "startsAt", "+300000-01-01T10:00:00Z", "endsAt", "+300000-01-01T12:00:00Z"));
        api().fails(() -> api().post("/api/requests", carla, farFuture)).isProblem(400).names("schedule.startsAt", "Range");
        Map<String, Object> longAgo = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        longAgo.put("schedule", Map.of("type", "RECURRING", "frequency", "MONTHLY", "startsOn", "0001-01-01"));
        api().fails(() -> api().post("/api/requests", carla, longAgo)).isProblem(400).names("schedule.startsOn", "Range");
        Map<String, Object> offerRadius = new HashMap<>(Fixtures.oneOff("SHOPPING", "Ik doe boodschappen"));
        offerRadius.put("searchRadiusMetres", 5000);
        api().fails(() -> api().post("/api/offers", carla, offerRadius)).isProblem(400).names("searchRadiusMetres", "RequestsOnly");
        Map<String, Object> tinyRadius = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        tinyRadius.put("searchRadiusMetres", 50);
        api().fails(() -> api().post("/api/requests", carla, tinyRadius)).isProblem(400).names("searchRadiusMetres", "Min");
        Map<String, Object> badType = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        badType.put("schedule", Map.of("type", "SOMETIMES"));
        api().fails(() -> api().post("/api/requests", carla, badType)).isProblem(400);
        Map<String, Object> noSchedule = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen"));
        noSchedule.remove("schedule");
        api().fails(() -> api().post("/api/requests", carla, noSchedule)).isProblem(400).names("schedule", "NotNull");

        api().fails(() -> api().exchange(HttpRequest.POST("/api/requests", "{\"category\": \"SHOPPING\", ")
                .contentType(MediaType.APPLICATION_JSON), carla)).isProblem(400);
        api().fails(() -> api().exchange(HttpRequest.POST("/api/requests", "category=SHOPPING")
                .contentType(MediaType.TEXT_PLAIN), carla)).isProblem(415);

        assertThat(api().getItems("/api/me/requests", carla)).isEmpty();
    }

    @Test
    void aTimeThatHasGoneByIsRefusedButOldWordsMayChange() {
        Person gert = api().residentAt("Gert", LAT, LON);
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Amsterdam"));
        Map<String, Object> ended = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen gisteren"));
        ended.put("schedule", Map.of("type", "ONE_OFF", "startsAt", now.minusDays(1).toOffsetDateTime().toString(),
                "endsAt", now.minusMinutes(1).toOffsetDateTime().toString()));
        api().fails(() -> api().post("/api/requests", gert, ended)).isProblem(400).names("schedule.endsAt", "Future");
        Map<String, Object> lastDayGone = new HashMap<>(Fixtures.oneOff("DOG_WALKING", "Hond uitlaten"));
        lastDayGone.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", List.of("MON"),
                "startsOn", now.toLocalDate().minusDays(30).toString(), "endsOn", now.toLocalDate().minusDays(1).toString()));
        api().fails(() -> api().post("/api/offers", gert, lastDayGone)).isProblem(400).names("schedule.endsOn", "FutureOrPresent");
        // A window still running, and a recurrence whose last day is today, are still to come.
        Map<String, Object> running = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen nu"));
        running.put("schedule", Map.of("type", "ONE_OFF", "startsAt", now.minusHours(1).toOffsetDateTime().toString(),
                "endsAt", now.plusMinutes(5).toOffsetDateTime().toString()));
        assertThat(api().post("/api/requests", gert, running).get("status")).isEqualTo("OPEN");
        Map<String, Object> lastDayToday = new HashMap<>(lastDayGone);
        lastDayToday.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", List.of("MON"),
                "endsOn", now.toLocalDate().toString()));
        assertThat(api().post("/api/offers", gert, lastDayToday).get("status")).isEqualTo("OPEN");
        assertThat(api().getItems("/api/me/requests", gert)).hasSize(1);
        assertThat(api().getItems("/api/me/offers", gert)).hasSize(1);

        // An open request whose time went by (it expires a week later) may get new words, or a new time,
        // but not another time that has gone by.
        long left = api().request(gert, "GARDEN", "Heg snoeien");
        db.update("UPDATE listing SET starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '2 hours' "
                + "WHERE id = ?", ps -> ps.setLong(1, left));
        Map<String, Object> asStored = new HashMap<>(Fixtures.oneOff("GARDEN", "Heg snoeien, graag"));
        asStored.put("schedule", api().get("/api/requests/" + left, gert).get("schedule"));
        assertThat(api().put("/api/requests/" + left, gert, asStored).get("title")).isEqualTo("Heg snoeien, graag");
        Map<String, Object> stillPast = new HashMap<>(ended);
        stillPast.put("category", "GARDEN");
        api().fails(() -> api().put("/api/requests/" + left, gert, stillPast)).isProblem(400).names("schedule.endsAt", "Future");
        assertThat(api().get("/api/requests/" + left, gert)).containsEntry("title", "Heg snoeien, graag");
        assertThat(api().put("/api/requests/" + left, gert, Fixtures.oneOff("GARDEN", "Heg snoeien, volgende week")).get("title"))
                .isEqualTo("Heg snoeien, volgende week");
    }

    @Test
    void withoutAHomeARequestNeedsAPlace() {
        Person dirk = api().resident("Dirk");
        api().fails(() -> api().post("/api/requests", dirk, Fixtures.oneOff("SHOPPING", "Boodschappen")))
                .isProblem(422).names("place", "home-not-set");
    }

    @Test
    void onlyTheOwnerChangesAListingAndItsLifecycleIsChecked() {
        Person eva = api().residentAt("Eva", LAT, LON);
        Person frits = api().residentAt("Frits", LAT + 0.01, LON);
        long id = api().request(eva, "GARDEN", "Heg snoeien");

        // Someone else's listing looks exactly like a missing one.
        api().fails(() -> api().put("/api/requests/" + id, frits, Fixtures.oneOff("GARDEN", "Van mij nu"))).isProblem(404);
        api().fails(() -> api().post("/api/requests/" + id + "/withdraw", frits, Map.of())).isProblem(404);
        api().fails(() -> api().put("/api/offers/" + id, eva, Fixtures.oneOff("GARDEN", "Verkeerde soort"))).isProblem(404);
        api().fails(() -> api().put("/api/requests/99999999", eva, Fixtures.oneOff("GARDEN", "Bestaat niet"))).isProblem(404);

        Map<?, ?> updated = api().put("/api/requests/" + id, eva, Fixtures.oneOff("GARDEN", "Heg en gras"));
        assertThat(updated.get("title")).isEqualTo("Heg en gras");

        // A neighbour sees the public form of an open request: no exact place.
        Map<String, Object> seen = api().get("/api/requests/" + id, frits);
        assertThat(seen).doesNotContainKey("place").containsKey("publicPlace");
        // A makelaar sees it in full.
        Map<String, Object> brokered = api().get("/api/requests/" + id, api().staff("MAKELAAR"));
        assertThat(brokered).containsKey("place");

        assertThat(api().post("/api/requests/" + id + "/withdraw", eva, Map.of()).get("status")).isEqualTo("WITHDRAWN");
        api().fails(() -> api().post("/api/requests/" + id + "/withdraw", eva, Map.of())).isProblem(409);
        api().fails(() -> api().post("/api/requests/" + id + "/close", eva, Map.of())).isProblem(409);
        api().fails(() -> api().put("/api/requests/" + id, eva, Fixtures.oneOff("GARDEN", "Toch weer"))).isProblem(409);
        api().fails(() -> api().get("/api/requests/" + id, frits)).isProblem(404);
        assertThat(api().get("/api/requests/" + id, eva).get("status")).isEqualTo("WITHDRAWN");

        long other = api().offer(eva, "COMPUTER_HELP", "Hulp met de tablet");
        // An offer is as much its owner's alone: changing, withdrawing or closing someone else's is a 404.
        long open = api().request(eva, "GARDEN", "Gras maaien");
        api().fails(() -> api().post("/api/requests/" + open + "/close", frits, Map.of())).isProblem(404);
        api().fails(() -> api().put("/api/offers/" + other, frits, Fixtures.oneOff("COMPUTER_HELP", "Van mij nu"))).isProblem(404);
        api().fails(() -> api().post("/api/offers/" + other + "/withdraw", frits, Map.of())).isProblem(404);
        api().fails(() -> api().post("/api/offers/" + other + "/close", frits, Map.of())).isProblem(404);
        assertThat(api().get("/api/offers/" + other, frits)).containsEntry("title", "Hulp met de tablet").doesNotContainKey("place");
        assertThat(api().post("/api/offers/" + other + "/close", eva, Map.of()).get("status")).isEqualTo("CLOSED");
        // Once closed, a neighbour no longer sees it.
        api().fails(() -> api().get("/api/offers/" + other, frits)).isProblem(404);
        assertThat(api().get("/api/requests/" + open, eva).get("status")).isEqualTo("OPEN");
    }

    @Test
    void onlyResidentsPostAndEveryoneMustLogIn() {
        Person makelaar = api().staff("MAKELAAR");
        api().fails(() -> api().post("/api/requests", null, Fixtures.oneOff("SHOPPING", "x"))).isProblem(401);
        api().fails(() -> api().post("/api/requests", makelaar, Fixtures.oneOff("SHOPPING", "x"))).isProblem(403);
        api().fails(() -> api().get("/api/requests/1", null)).isProblem(401);
        api().fails(() -> api().get("/api/me/requests", null)).isProblem(401);
        api().fails(() -> api().get("/api/me/requests", makelaar)).isProblem(403);
        api().fails(() -> api().post("/api/requests/1/withdraw", makelaar, Map.of())).isProblem(403);
        api().fails(() -> api().put("/api/requests/1", makelaar, Fixtures.oneOff("SHOPPING", "x"))).isProblem(403);
    }
}
