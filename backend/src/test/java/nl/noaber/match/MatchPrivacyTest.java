package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** Contact details and exact places go to the other side only after acceptance, and to makelaars. */
@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class MatchPrivacyTest extends MatchTestSupport {
    // Anna's exact home (and so her request's place): digits that cannot occur by chance.
    static final double ANNA_LAT = 52.3791234, ANNA_LON = 4.6412345; // 7 decimals, as places are kept
    static final String ANNA_PHONE = "023 555 0101";
    static final String BRAM_PHONE = "06 1111 2222";
    static final List<String> CONTACT_KEYS = List.of("contact", "phone", "email", "contactChannels", "postcode",
            "houseNumber", "home", "place");

    record Pair(Person anna, Person bram, long request, double bramLat, double bramLon) {}

    private Pair pair() {
        Person anna = api().residentAt("Anna", ANNA_LAT, ANNA_LON);
        api().put("/api/me/profile", anna, profile("Anna", ANNA_PHONE));
        Person bram = api().resident("Bram");
        api().put("/api/me/profile", bram, profile("Bram", BRAM_PHONE));
        Map<?, ?> home = (Map<?, ?>) api().put("/api/me/home", bram, Map.of("postcode", "2035AB", "houseNumber", "117")).get("home");
        Map<?, ?> place = (Map<?, ?>) home.get("place");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        return new Pair(anna, bram, request, ((Number) place.get("lat")).doubleValue(), ((Number) place.get("lon")).doubleValue());
    }

    private static Map<String, Object> profile(String name, String phone) {
        Map<String, Object> p = new HashMap<>();
        p.put("displayName", name);
        p.put("travelRadiusMetres", 5000);  // Bram lives 2.1 km from Anna's request, and a requester invites within reach
        p.put("phone", phone);
        p.put("contactChannels", List.of("PHONE", "EMAIL"));
        p.put("preferredLanguage", "nl");
        return p;
    }

    private String raw(long matchId, Person who) {
        return api().getRaw("/api/matches/" + matchId, who);
    }

    /** Neither side's contact details nor exact places are in what this person sees. */
    private void hidden(Pair p, long matchId, Person who) {
        String json = raw(matchId, who);
        assertThat(keys(Fixtures.parse(json))).as("keys seen by %s", who.email()).doesNotContainAnyElementsOf(CONTACT_KEYS);
        assertThat(json).doesNotContain(ANNA_PHONE, BRAM_PHONE, p.anna().email(), p.bram().email(), "2035AB",
                Double.toString(ANNA_LAT), Double.toString(ANNA_LON), Double.toString(p.bramLat()), Double.toString(p.bramLon()));
        assertThat(Fixtures.parse(json).get("contactShared")).isEqualTo(false);
    }

    @Test
    void contactDetailsAreHiddenWhileProposedAndSharedOnceAccepted() {
        Pair p = pair();
        long id = id(propose(p.anna(), p.request(), p.bram().participantId()));
        hidden(p, id, p.bram());
        hidden(p, id, p.anna());
        // "My matches" never carries contact details.
        assertThat(api().getRaw("/api/me/matches", p.bram())).doesNotContain(ANNA_PHONE, p.anna().email(), "52.3791234");

        act(id, "accept", p.bram());

        Map<String, Object> seenByBram = match(id, p.bram());
        assertThat(seenByBram.get("contactShared")).isEqualTo(true);
        Map<?, ?> annaContact = (Map<?, ?>) ((Map<?, ?>) seenByBram.get("requester")).get("contact");
        assertThat(annaContact.get("phone")).isEqualTo(ANNA_PHONE);
        assertThat(annaContact.get("email")).isEqualTo(p.anna().email());
        assertThat(annaContact.get("contactChannels")).isEqualTo(List.of("PHONE", "EMAIL"));
        Map<?, ?> annaHome = (Map<?, ?>) annaContact.get("home");
        assertThat(((Number) annaHome.get("lat")).doubleValue()).isEqualTo(ANNA_LAT);
        assertThat(((Number) annaHome.get("lon")).doubleValue()).isEqualTo(ANNA_LON);
        // The helper now also knows where the help is wanted, exactly.
        Map<?, ?> exact = (Map<?, ?>) ((Map<?, ?>) seenByBram.get("request")).get("place");
        assertThat(((Number) exact.get("lat")).doubleValue()).isEqualTo(ANNA_LAT);
        // A party is never shown their own contact block, only the other's.
        assertThat(((Map<Object, Object>) (Map<?, ?>) seenByBram.get("helper"))).doesNotContainKey("contact");

        Map<String, Object> seenByAnna = match(id, p.anna());
        Map<?, ?> bramContact = (Map<?, ?>) ((Map<?, ?>) seenByAnna.get("helper")).get("contact");
        assertThat(bramContact.get("phone")).isEqualTo(BRAM_PHONE);
        assertThat(bramContact.get("email")).isEqualTo(p.bram().email());
        assertThat(bramContact.get("postcode")).isEqualTo("2035AB");
        assertThat(bramContact.get("houseNumber")).isEqualTo("117");
        assertThat(((Number) ((Map<?, ?>) bramContact.get("home")).get("lat")).doubleValue()).isEqualTo(p.bramLat());

        // Still shared when the help is done...
        act(id, "complete", p.anna());
        assertThat(match(id, p.bram()).get("contactShared")).isEqualTo(true);
    }

    @Test
    void declinedWithdrawnAndCancelledMatchesShareNothing() {
        Pair p = pair();
        long declined = id(propose(p.anna(), p.request(), p.bram().participantId()));
        act(declined, "decline", p.bram());
        hidden(p, declined, p.bram());
        hidden(p, declined, p.anna());

        long request2 = api().request(p.anna(), "GARDEN", "Tuin");
        long withdrawn = id(propose(p.bram(), request2, null));
        act(withdrawn, "withdraw", p.bram());
        hidden(p, withdrawn, p.anna());
        hidden(p, withdrawn, p.bram());

        long request3 = api().request(p.anna(), "ODD_JOBS", "Klusje");
        long cancelled = id(propose(p.anna(), request3, p.bram().participantId()));
        act(cancelled, "accept", p.bram());
        assertThat(match(cancelled, p.bram()).get("contactShared")).isEqualTo(true);
        act(cancelled, "cancel", p.anna(), Map.of("reason", "Niet meer nodig"));
        hidden(p, cancelled, p.bram());
        hidden(p, cancelled, p.anna());
    }

    @Test
    void aCompletedMatchSharesContactDetailsForThirtyDaysThenOnlyWithTheMakelaar() {
        Pair p = pair();
        long id = id(propose(p.anna(), p.request(), p.bram().participantId()));
        act(id, "accept", p.bram());
        assertThat(match(id, p.bram())).containsEntry("contactShared", true).doesNotContainKey("contactSharedUntil");
        act(id, "complete", p.anna());
        Map<String, Object> done = match(id, p.bram());
        assertThat(Instant.parse((String) done.get("contactSharedUntil")))
                .isEqualTo(Instant.parse((String) done.get("endedAt")).plus(Duration.ofDays(30)));

        endedDaysAgo(id, 29);
        assertThat(match(id, p.bram()).get("contactShared")).isEqualTo(true);
        assertThat(match(id, p.anna()).get("contactShared")).isEqualTo(true);

        endedDaysAgo(id, 31);
        hidden(p, id, p.bram());
        hidden(p, id, p.anna());
        assertThat(match(id, p.anna())).doesNotContainKey("contactSharedUntil");
        // The makelaar who follows up still sees both; thanks and logged help do not need the address.
        Person makelaar = api().staff("MAKELAAR");
        Map<String, Object> seenByMakelaar = match(id, makelaar);
        assertThat(((Map<?, ?>) ((Map<?, ?>) seenByMakelaar.get("helper")).get("contact")).get("phone")).isEqualTo(BRAM_PHONE);
        assertThat(((Map<?, ?>) ((Map<?, ?>) seenByMakelaar.get("requester")).get("contact")).get("phone")).isEqualTo(ANNA_PHONE);
        assertThat((List<String>) match(id, p.anna()).get("actions")).contains("thank");
        api().post("/api/matches/" + id + "/thanks", p.anna(), Map.of("message", "Nog steeds blij met de hulp"));
    }

    private void endedDaysAgo(long matchId, int days) {
        db.update("UPDATE match SET decided_at = now() - make_interval(days => ? + 1), ended_at = now() - make_interval(days => ?) "
                + "WHERE id = ?", ps -> {
                    ps.setInt(1, days);
                    ps.setInt(2, days);
                    ps.setLong(3, matchId);
                });
    }

    @Test
    void someoneSuspendedOrDisabledNeitherKeepsNorGivesContactDetailsThroughACompletedMatch() {
        Pair p = pair();
        long id = id(propose(p.anna(), p.request(), p.bram().participantId()));
        act(id, "accept", p.bram());
        act(id, "complete", p.anna());
        assertThat(match(id, p.bram()).get("contactShared")).isEqualTo(true);
        assertThat((List<String>) match(id, p.anna()).get("actions")).contains("thank");
        Person makelaar = api().staff("MAKELAAR");

        // After a complaint, a makelaar suspends Bram: neither sees the other's details any more.
        api().post("/api/participants/" + p.bram().participantId() + "/suspend", makelaar, Map.of("reason", "Klacht na bezoek"));
        hidden(p, id, p.bram());
        hidden(p, id, p.anna());
        assertThat((List<String>) match(id, p.anna()).get("actions")).doesNotContain("thank").contains("report");
        api().fails(() -> api().post("/api/matches/" + id + "/thanks", p.anna(), Map.of("message", "Dank je wel")))
                .isProblem(409).names("helper", "not-taking-part");
        // The makelaar still sees both.
        Map<String, Object> seenByMakelaar = match(id, makelaar);
        assertThat(((Map<?, ?>) ((Map<?, ?>) seenByMakelaar.get("helper")).get("contact")).get("phone")).isEqualTo(BRAM_PHONE);
        assertThat(((Map<?, ?>) ((Map<?, ?>) seenByMakelaar.get("requester")).get("contact")).get("phone")).isEqualTo(ANNA_PHONE);

        // Reinstated, the completed match shares them again; a disabled account hides them as well.
        api().post("/api/participants/" + p.bram().participantId() + "/reinstate", makelaar, Map.of());
        assertThat(match(id, p.bram()).get("contactShared")).isEqualTo(true);
        api().post("/api/accounts/" + p.anna().accountId() + "/disable", api().coordinator(), Map.of());
        hidden(p, id, p.bram());
    }

    @Test
    void makelaarsAlwaysSeeBothSidesAndStrangersNothing() {
        Pair p = pair();
        long id = id(propose(p.anna(), p.request(), p.bram().participantId()));
        Person makelaar = api().staff("MAKELAAR");
        Map<String, Object> seen = match(id, makelaar);
        assertThat(((Map<Object, Object>) (Map<?, ?>) ((Map<?, ?>) seen.get("requester")).get("contact")).get("phone")).isEqualTo(ANNA_PHONE);
        assertThat(((Map<Object, Object>) (Map<?, ?>) ((Map<?, ?>) seen.get("helper")).get("contact")).get("houseNumber")).isEqualTo("117");
        assertThat(((Map<Object, Object>) (Map<?, ?>) seen.get("request"))).containsKey("place");
        // A neighbour who is not in the match cannot tell it exists.
        Person stranger = api().residentAt("Nieuwsgierig", LAT, LON);
        api().fails(() -> api().exchange(HttpRequest.GET("/api/matches/" + id), stranger)).isProblem(404);
    }
}
