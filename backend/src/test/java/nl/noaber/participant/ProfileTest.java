package nl.noaber.participant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class ProfileTest extends IntegrationTest {

    static Map<String, Object> profile() {
        Map<String, Object> p = new HashMap<>();
        p.put("displayName", "Mr de Haas");
        p.put("skills", List.of("COMPUTER_HELP", "PAPERWORK"));
        p.put("languages", List.of("nl", "en"));
        p.put("availability", List.of("TUE_MORNING", "THU_EVENING"));
        p.put("travelRadiusMetres", 1500);
        p.put("phone", "023 511 5115");
        p.put("contactChannels", List.of("PHONE", "EMAIL"));
        p.put("preferredLanguage", "nl");
        return p;
    }

    @Test
    void aResidentKeepsTheirProfileAndHome() {
        Person haas = api().resident("De Haas");
        Map<String, Object> updated = api().put("/api/me/profile", haas, profile());
        assertThat(updated.get("skills")).isEqualTo(List.of("COMPUTER_HELP", "PAPERWORK"));
        assertThat(updated.get("travelRadiusMetres")).isEqualTo(1500);
        assertThat(updated.get("home")).isNull();

        Map<String, Object> byPostcode = api().put("/api/me/home", haas, Map.of("postcode", "2035 AB", "houseNumber", "12a"));
        Map<?, ?> home = (Map<?, ?>) byPostcode.get("home");
        assertThat(home.get("precision")).isEqualTo("POSTCODE_AREA");
        assertThat(home.get("postcode")).isEqualTo("2035AB");
        assertThat(home.get("houseNumber")).isEqualTo("12-A");
        assertThat(((Map<?, ?>) byPostcode.get("neighbourhood")).get("name")).isEqualTo("Boerhaavewijk");

        Map<String, Object> byPoint = api().put("/api/me/home", haas, Map.of("lat", 52.3835, "lon", 4.6379));
        assertThat(((Map<?, ?>) byPoint.get("home")).get("precision")).isEqualTo("POINT");
        assertThat(((Map<?, ?>) byPoint.get("neighbourhood")).get("name")).isEqualTo("Oude Stad");
    }

    @Test
    void badProfileInputIsRefusedByFieldAndChangesNothing() {
        Person p = api().resident("Streng");
        api().put("/api/me/profile", p, profile());
        Map<String, Object> bad = profile();
        bad.put("skills", List.of("COMPUTER_HELP", "JUGGLING"));
        api().fails(() -> api().put("/api/me/profile", p, bad)).isProblem(400).names("skills", "KnownCategory");
        Map<String, Object> radius = profile();
        radius.put("travelRadiusMetres", 50_001);
        api().fails(() -> api().put("/api/me/profile", p, radius)).isProblem(400).names("travelRadiusMetres", "Max");
        Map<String, Object> slot = profile();
        slot.put("availability", List.of("TUESDAY_MORNING"));
        api().fails(() -> api().put("/api/me/profile", p, slot)).isProblem(400).names("availability[0]", "Pattern");
        Map<String, Object> lang = profile();
        lang.put("languages", List.of("Dutch"));
        api().fails(() -> api().put("/api/me/profile", p, lang)).isProblem(400).names("languages[0]", "Pattern");
        Map<String, Object> name = profile();
        name.put("displayName", " ");
        api().fails(() -> api().put("/api/me/profile", p, name)).isProblem(400).names("displayName", "NotBlank");
        Map<String, Object> noLanguage = profile();
        noLanguage.remove("preferredLanguage");
        api().fails(() -> api().put("/api/me/profile", p, noLanguage)).isProblem(400).names("preferredLanguage", "NotNull");
        Map<String, Object> french = profile();
        french.put("preferredLanguage", "fr");
        api().fails(() -> api().put("/api/me/profile", p, french)).isProblem(400).names("preferredLanguage", "Pattern");
        // A null in a list is refused by name (it was stored, and reading the profile back then failed).
        for (String list : List.of("languages", "availability", "contactChannels")) {
            Map<String, Object> holed = profile();
            holed.put(list, java.util.Collections.singletonList(null));
            api().fails(() -> api().put("/api/me/profile", p, holed)).isProblem(400).names(list + "[0]", "NotNull");
        }
        Map<String, Object> phone = profile();
        phone.put("phone", "bel me maar");
        api().fails(() -> api().put("/api/me/profile", p, phone)).isProblem(400).names("phone", "Pattern");
        Map<String, Object> channel = profile();
        channel.put("contactChannels", List.of("PIGEON"));
        api().fails(() -> api().put("/api/me/profile", p, channel)).isProblem(400).names("contactChannels[0]", "Pattern");
        Map<String, Object> capacity = profile();
        capacity.put("capacity", 101);
        api().fails(() -> api().put("/api/me/profile", p, capacity)).isProblem(400).names("capacity", "Max");
        Map<String, Object> tooMany = profile();
        tooMany.put("languages", java.util.Collections.nCopies(11, "nl"));
        api().fails(() -> api().put("/api/me/profile", p, tooMany)).isProblem(400).names("languages", "Size");
        assertThat(api().get("/api/me/profile", p)).containsEntry("languages", List.of("nl", "en"))
                .containsEntry("preferredLanguage", "nl").containsEntry("phone", "023 511 5115");
        assertThat(api().get("/api/me/profile", p).get("skills")).isEqualTo(List.of("COMPUTER_HELP", "PAPERWORK"));

        api().fails(() -> api().put("/api/me/home", p, Map.of("postcode", "2035AB", "lat", 52.0, "lon", 4.0))).isProblem(400)
                .names("postcode", "OneOf");
        api().fails(() -> api().put("/api/me/home", p, Map.of("lat", 100.0, "lon", 4.0))).isProblem(400).names("lat", "Range");
        api().fails(() -> api().put("/api/me/home", p, Map.of("postcode", "1234AB"))).isProblem(422);
        api().fails(() -> api().put("/api/me/home", p, Map.of("postcode", "12"))).isProblem(400).names("postcode", "Postcode");
        assertThat(api().get("/api/me/profile", p).get("home")).isNull();
    }

    @Test
    void theExportHoldsMyProfileAndListingsAndNobodyElses() {
        Person me = api().residentAt("Exporteur", 52.3835, 4.6379);
        Person other = api().residentAt("Ander", 52.3836, 4.6380);
        long mine = api().request(me, "SHOPPING", "Mijn boodschappen");
        api().request(other, "SHOPPING", "Andermans boodschappen");
        var response = api().exchange(io.micronaut.http.HttpRequest.GET("/api/me/export"), me);
        assertThat(response.getHeaders().get("Content-Disposition")).contains("attachment");
        String body = response.getBody().orElseThrow();
        assertThat(body).contains("Exporteur").contains("Mijn boodschappen").contains("\"id\":" + mine)
                .doesNotContain("Ander").doesNotContain("Andermans");
    }

    @Test
    void profilesAreOnlyForTheirOwnResident() {
        Person makelaar = api().staff("MAKELAAR");
        api().fails(() -> api().get("/api/me/profile", null)).isProblem(401);
        api().fails(() -> api().get("/api/me/profile", makelaar)).isProblem(403);
        api().fails(() -> api().put("/api/me/profile", makelaar, profile())).isProblem(403);
        api().fails(() -> api().put("/api/me/home", makelaar, Map.of("lat", 52.0, "lon", 4.0))).isProblem(403);
        api().fails(() -> api().get("/api/me/export", makelaar)).isProblem(403);
        api().fails(() -> api().get("/api/me/export", null)).isProblem(401);
    }

    /**
     * A change of profile, home or a new request that comes while the participant is being erased
     * (played by a second connection that holds their row, erased and not yet committed): it waits
     * for the erasure, then writes nothing of theirs back (401, the account is gone). The first
     * version locked nothing and filtered only on the id: the words of the erased came back.
     */
    @Test
    void whatComesDuringAnErasureWritesNothingBack() throws Exception {
        for (String what : List.of("profile", "home", "request")) {
            Person leaving = api().residentAt("Bijna weg " + what, 52.3812, 4.6369);
            try (java.sql.Connection other = nl.noaber.support.TestDatabase.connect()) {
                other.setAutoCommit(false);
                // As erasing does: the row FOR UPDATE first, then its words gone.
                nl.noaber.support.TestDatabase.query(other, "SELECT id FROM participant WHERE id = ? FOR UPDATE", leaving.participantId());
                nl.noaber.support.TestDatabase.query(other, "UPDATE participant SET display_name = 'Oud-deelnemer', "
                        + "home_place = NULL, phone = NULL, erased_at = now() WHERE id = ? RETURNING id", leaving.participantId());
                var change = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> api().fails(() -> {
                    switch (what) {
                        case "profile" -> api().put("/api/me/profile", leaving, profile());
                        case "home" -> api().put("/api/me/home", leaving, Map.of("lat", 52.3812, "lon", 4.6369));
                        default -> api().request(leaving, "SHOPPING", "Boodschappen");
                    }
                }));
                nl.noaber.support.TestDatabase.awaitSomeoneBlockedBehind(other);
                other.commit();
                assertThat(change.get(30, java.util.concurrent.TimeUnit.SECONDS).isProblem(401).type()).as(what).endsWith("/account-erased");
            }
            try (java.sql.Connection db = nl.noaber.support.TestDatabase.connect();
                 var ps = db.prepareStatement("SELECT display_name, home_place IS NULL, phone IS NULL, "
                         + "(SELECT count(*) FROM listing WHERE participant_id = p.id) FROM participant p WHERE id = ?")) {
                ps.setLong(1, leaving.participantId());
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(what).isEqualTo("Oud-deelnemer");
                    assertThat(rs.getBoolean(2)).as(what).isTrue();
                    assertThat(rs.getBoolean(3)).as(what).isTrue();
                    assertThat(rs.getLong(4)).as(what).isZero();
                }
            }
        }
    }
}
