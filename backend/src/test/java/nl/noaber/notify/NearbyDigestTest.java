package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** The volunteer's daily digest of new requests nearby that fit their skills: opt-in, once a day, no names. */
@MicronautTest(environments = "test", transactional = false)
class NearbyDigestTest extends NotificationTestSupport {

    @Inject
    NearbyDigest digest;

    private List<Row> digests(Person p) {
        return rowsFor(p.participantId()).stream().filter(r -> r.kind().equals("NEARBY_REQUESTS")).toList();
    }

    private void skills(Person p, String... codes) {
        db.update("UPDATE participant SET skills = ? WHERE id = ?", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", codes));
            ps.setLong(2, p.participantId());
        });
    }

    @Test
    void aVolunteerWhoAskedForItGetsTheDaysNewRequestsNearbyInTheirSkillsOnceADay() throws Exception {
        Person vera = residentAt("Vera Vrijwilliger", "en");
        skills(vera, "SHOPPING", "GARDEN");
        Person quiet = residentAt("Stille Vrijwilliger", "nl");
        skills(quiet, "SHOPPING", "GARDEN");
        Map<String, Object> prefs = api().put("/api/me/notification-preferences", vera,
                Map.of("unsubscribed", List.of(), "nearbyDigest", true));
        assertThat(prefs.get("nearbyDigest")).isEqualTo(true);

        String tag = UUID.randomUUID().toString().substring(0, 6);
        Person rita = residentAt("Rita Vrager", "nl");
        api().request(rita, "SHOPPING", "Boodschappen " + tag);
        api().request(rita, "COOKING", "Samen koken " + tag);
        Person far = api().residentAt("Verre Vrager", 52.3300, 4.6000); // some 6 km away
        api().request(far, "GARDEN", "Heg ver weg " + tag);
        LocalDate today = LocalDate.now(MakelaarDigest.ZONE);

        digest.write(today);
        digest.write(today); // once a day, whoever runs it

        Row d = digests(vera).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(digests(vera)).hasSize(1);
        assertThat(d.language()).isEqualTo("en");
        assertThat(d.subject()).startsWith("New requests near you (");
        assertThat(d.text()).contains("Boodschappen " + tag + " (Shopping for someone, Parkwijk)")
                .doesNotContain("Samen koken " + tag, "Heg ver weg " + tag, "Rita", "Verre");
        assertThat(digests(quiet)).as("opt-in: no digest without asking").isEmpty();
        assertThat(digests(rita)).isEmpty();

        for (int i = 0; i < 100 && smtp.receivedBy(vera.email()).isEmpty(); i++) {
            dispatcher("nearby").dispatchOnce();
        }
        MimeMessage mail = smtp.receivedBy(vera.email()).get(0);
        assertThat(mail.getSubject()).isEqualTo(d.subject());
        String header = mail.getHeader("List-Unsubscribe", null);
        String path = header.substring(header.indexOf("/api/unsubscribe"), header.length() - 1);
        http.toBlocking().retrieve(HttpRequest.POST(path, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        assertThat(api().get("/api/me/notification-preferences", vera).get("nearbyDigest")).isEqualTo(false);

        api().request(rita, "GARDEN", "Tuin morgen " + tag);
        digest.write(today.plusDays(1));
        assertThat(digests(vera)).as("unsubscribed with one click").hasSize(1);

        api().put("/api/me/notification-preferences", vera, Map.of("unsubscribed", List.of(), "nearbyDigest", true));
        digest.write(today.plusDays(2));
        assertThat(digests(vera)).as("asked for it again").hasSize(2);
        assertThat(digests(vera).get(1).text()).contains("Tuin morgen " + tag);
    }

    @Test
    void eachVolunteerGetsTheirOwnNewestTenAndHowManyMore() throws Exception {
        Person shopper = residentAt("Sam Boodschapper", "en");
        skills(shopper, "SHOPPING");
        Person gardener = residentAt("Gijs Tuinier", "nl");
        skills(gardener, "GARDEN");
        for (Person p : List.of(shopper, gardener)) {
            api().put("/api/me/notification-preferences", p, Map.of("unsubscribed", List.of(), "nearbyDigest", true));
        }
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Person asker = residentAt("Anna Vrager", "nl");
        for (int i = 1; i <= 12; i++) {
            api().request(asker, "SHOPPING", "Boodschap " + i + " " + tag);
        }
        api().request(asker, "GARDEN", "Heg " + tag);

        digest.write(LocalDate.now(MakelaarDigest.ZONE).plusDays(10));

        String shopping = digests(shopper).get(0).text();
        List<String> lines = shopping.lines().filter(l -> l.startsWith("- ")).toList();
        assertThat(lines).as("the ten newest, newest first").hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(lines.get(i)).startsWith("- Boodschap " + (12 - i) + " " + tag + " (Shopping for someone");
        }
        assertThat(shopping).doesNotContain("Boodschap 2 " + tag, "Heg " + tag);
        java.util.regex.Matcher more = java.util.regex.Pattern.compile("And (\\d+) more\\.").matcher(shopping);
        assertThat(more.find()).as(shopping).isTrue();
        assertThat(Integer.parseInt(more.group(1))).isGreaterThanOrEqualTo(2);

        String garden = digests(gardener).get(0).text();
        assertThat(garden).contains("- Heg " + tag + " (").doesNotContain("Boodschap");
        assertThat(digests(asker)).isEmpty();
    }

    @Test
    void theDigestLeavesOutRequestsOfSomeoneSuspendedOrDisabledOrBlockedEitherWay() {
        Person volunteer = residentAt("Vincent Vrijwilliger", "nl");
        skills(volunteer, "GARDEN");
        api().put("/api/me/notification-preferences", volunteer, Map.of("unsubscribed", List.of(), "nearbyDigest", true));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Person ordinary = residentAt("Olga Vrager", "nl");
        Person suspended = residentAt("Sven Geschorst", "nl");
        Person disabled = residentAt("Dirk Uitgezet", "nl");
        Person blocker = residentAt("Bea Blokkeert", "nl");
        Person blocked = residentAt("Bob Geblokkeerd", "nl");
        api().request(ordinary, "GARDEN", "Heg gewoon " + tag);
        api().request(suspended, "GARDEN", "Heg geschorst " + tag);
        api().request(disabled, "GARDEN", "Heg uitgezet " + tag);
        api().request(blocker, "GARDEN", "Heg blokkeerder " + tag);
        api().request(blocked, "GARDEN", "Heg geblokkeerd " + tag);
        api().post("/api/participants/" + suspended.participantId() + "/suspend", api().staff("MAKELAAR"), Map.of("reason", "Klacht"));
        api().post("/api/accounts/" + disabled.accountId() + "/disable", api().coordinator(), Map.of());
        long onBlocker = nl.noaber.support.Fixtures.number(api().post("/api/matches", blocker, Map.of("requestId",
                api().request(blocker, "SHOPPING", "Boodschappen " + tag), "helperId", volunteer.participantId())).get("id"));
        api().post("/api/matches/" + onBlocker + "/block", blocker, Map.of());
        long onVolunteer = nl.noaber.support.Fixtures.number(api().post("/api/matches", volunteer, Map.of("requestId",
                api().request(volunteer, "SHOPPING", "Mijn boodschappen " + tag), "helperId", blocked.participantId())).get("id"));
        api().post("/api/matches/" + onVolunteer + "/block", volunteer, Map.of());

        digest.write(LocalDate.now(MakelaarDigest.ZONE).plusDays(20));

        assertThat(digests(volunteer)).hasSize(1);
        assertThat(digests(volunteer).get(0).text()).contains("Heg gewoon " + tag)
                .doesNotContain("Heg geschorst " + tag, "Heg uitgezet " + tag, "Heg blokkeerder " + tag, "Heg geblokkeerd " + tag);
    }
}
