package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Someone who helped the requester before is a candidate wherever they are in range, also beyond
 * the nearest {@code candidate-pool} helpers (10 here), so "helped this person before" is never
 * lost to the pool's cut.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "noaber.matching.candidate-pool", value = "10")
@Property(name = "noaber.matching.plan-candidate-pool", value = "10")
class RankingPartnersTest extends IntegrationTest {
    @Inject
    Db db;

    private final Random random = new Random();
    private final double baseLat = -50 + random.nextDouble() * 100;
    private final double baseLon = -170 + random.nextDouble() * 340;

    /** The latitude the given metres north of the base. */
    private double latNorth(double metres) {
        return Places.lat(Places.offset(baseLat, baseLon, metres, 0));
    }

    private Person at(String name, double north, List<String> skills) {
        Person p = api().residentAt(name, latNorth(north), baseLon);
        Map<String, Object> profile = new HashMap<>();
        profile.put("displayName", name);
        profile.put("skills", skills);
        profile.put("travelRadiusMetres", 5000);
        profile.put("preferredLanguage", "nl");
        api().put("/api/me/profile", p, profile);
        return p;
    }

    /** Helpers with the skill for shopping, 60 m north of the base and 10 m apart: more than the pool of 10 holds. */
    private void neighbours(int count) {
        for (int i = 0; i < count; i++) {
            at("Buur " + i, 60 + 10 * i, List.of("SHOPPING"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEarlierHelperBeyondTheNearestPoolIsStillRankedWithTheirHistory() {
        Person requester = at("Vrager Vroeger", 0, List.of());
        neighbours(12);
        Person earlier = at("Oude Bekende", 3000, List.of("SHOPPING"));
        long before = api().request(requester, "SHOPPING", "Boodschappen, vorige keer");
        MatchRows.insert(db, before, requester, earlier, "COMPLETED", true, 200);
        long request = api().request(requester, "SHOPPING", "Boodschappen, nu");

        Map<String, Object> ranking = api().get("/api/requests/" + request + "/helpers?limit=20", requester);

        List<Map<String, Object>> candidates = (List<Map<String, Object>>) ranking.get("candidates");
        assertThat(candidates).hasSize(11);
        assertThat(candidates).filteredOn(c -> "Oude Bekende".equals(c.get("displayName"))).singleElement()
                .satisfies(c -> assertThat((String) c.get("explanationEn")).contains("matched together once before"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMakelaarHearsWhenAHelperIsBeyondTheNearestPool() {
        Person requester = at("Vrager Ver", 0, List.of());
        neighbours(11);
        Person further = at("Verderop", 2000, List.of("SHOPPING"));
        long request = api().request(requester, "SHOPPING", "Boodschappen");

        Map<String, Object> standing = api().get("/api/requests/" + request + "/helpers/" + further.participantId(),
                api().staff("MAKELAAR"));

        assertThat(standing.get("rank")).isNull();
        assertThat(((Number) standing.get("candidates")).intValue()).isEqualTo(10);
        assertThat((List<Map<String, Object>>) standing.get("reasons")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("code", "POOL").containsEntry("en", "is not among the 10 nearest who can help");
        });
    }

    /**
     * The plan weighs the same candidates as the ranking, earlier partners beyond the pool included, so
     * that the place it gives its suggestion in the ranking, and the ranking's first choice it names,
     * are those the makelaar sees in the ranking itself.
     */
    @Test
    @SuppressWarnings("unchecked")
    void thePlanWeighsTheEarlierPartnerBeyondThePoolAsTheRankingDoes() {
        double away = 80_000;
        Person requester = at("Vrager Plan", away, List.of());
        for (int i = 0; i < 12; i++) {
            at("Planbuur " + i, away + 60 + 10 * i, List.of("SHOPPING"));
        }
        Person earlier = at("Oude Bekende Plan", away + 500, List.of("SHOPPING"));
        long before = api().request(requester, "SHOPPING", "Boodschappen, vorige keer");
        for (int k = 0; k < 3; k++) {
            MatchRows.insert(db, before, requester, earlier, "COMPLETED", false, 200);
        }
        db.update("UPDATE listing SET status = 'CLOSED' WHERE id = ?", ps -> ps.setLong(1, before));
        long request = api().request(requester, "SHOPPING", "Boodschappen, nu");
        Person makelaar = api().staff("MAKELAAR");

        List<Map<String, Object>> ranking = (List<Map<String, Object>>) api()
                .get("/api/requests/" + request + "/helpers?limit=20", makelaar).get("candidates");
        List<Long> order = ranking.stream().map(c -> ((Number) c.get("participantId")).longValue()).toList();
        assertThat(order).as("history lifts the earlier partner to the top").first().isEqualTo(earlier.participantId());

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + latNorth(away) + "&lon=" + baseLon
                + "&radius=300", makelaar);
        Map<String, Object> suggestion = ((List<Map<String, Object>>) plan.get("suggestions")).stream()
                .filter(sg -> ((Number) sg.get("requestId")).longValue() == request).findFirst().orElseThrow();
        long suggested = ((Number) suggestion.get("helperId")).longValue();
        assertThat(((Number) suggestion.get("rank")).intValue()).isEqualTo(order.indexOf(suggested) + 1);
        if (suggested != earlier.participantId()) {
            assertThat(((Number) ((Map<String, Object>) suggestion.get("firstChoice")).get("participantId")).longValue())
                    .isEqualTo(earlier.participantId());
        }
    }

    /** Metres north of the other tests' street (the test instance, and its base, is shared). */
    private static final double AWAY = 40_000;

    /**
     * The pool holds the nearest who can take the request: helpers with their capacity full, whom the
     * requester blocked, or who declined it do not take its places. Here the ten nearest are all such,
     * and the one who can help lives 2 km away; before, the walk took the ten nearest and dropped them
     * after, and the ranking and the plan came back empty.
     */
    @Test
    @SuppressWarnings("unchecked")
    void helpersWhoCannotTakeTheRequestDoNotFillThePool() {
        Person requester = at("Vrager Druk", AWAY, List.of());
        Person elsewhere = at("Vrager Elders", AWAY + 5000, List.of());
        long busyWith = api().request(elsewhere, "COMPANY", "Koffie");
        long request = api().request(requester, "SHOPPING", "Boodschappen in een drukke straat");
        for (int i = 0; i < 10; i++) {
            Person near = at("Kan niet " + i, AWAY + 60 + 10 * i, List.of("SHOPPING"));
            long id = near.participantId();
            if (i < 5) {
                // Full: one running match, and room for one.
                db.update("UPDATE participant SET capacity = 1 WHERE id = ?", ps -> ps.setLong(1, id));
                match(busyWith, elsewhere, near, "ACTIVE");
            } else if (i < 8) {
                db.update("INSERT INTO participant_block (blocker_id, blocked_id) VALUES (?, ?)", ps -> {
                    ps.setLong(1, requester.participantId());
                    ps.setLong(2, id);
                });
            } else {
                match(request, requester, near, "DECLINED");
            }
        }
        Person further = at("Verderop Vrij", AWAY + 2000, List.of("SHOPPING"));
        Person makelaar = api().staff("MAKELAAR");

        List<Map<String, Object>> candidates = (List<Map<String, Object>>) api()
                .get("/api/requests/" + request + "/helpers?limit=20", makelaar).get("candidates");
        assertThat(candidates).extracting(c -> c.get("displayName")).containsExactly("Verderop Vrij");
        assertThat(api().get("/api/requests/" + request + "/helpers/" + further.participantId(), makelaar).get("rank"))
                .isEqualTo(1);

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + latNorth(AWAY) + "&lon=" + baseLon + "&radius=300", makelaar);
        assertThat((List<Map<String, Object>>) plan.get("suggestions")).singleElement().satisfies(sg -> {
            assertThat(((Number) sg.get("requestId")).longValue()).isEqualTo(request);
            assertThat(((Number) sg.get("helperId")).longValue()).isEqualTo(further.participantId());
        });
    }

    /**
     * The other direction: the requests suggested to a volunteer are the nearest they could take.
     * Here the ten nearest gardening requests are the volunteer's own, those of a suspended owner and
     * those of someone who blocked the volunteer, and the one they could take is 2 km away; before,
     * the walk took the ten nearest and dropped them after, and the volunteer was suggested nothing.
     */
    @Test
    @SuppressWarnings("unchecked")
    void requestsAVolunteerCannotTakeDoNotFillTheirPool() {
        double street = 2 * AWAY;
        Person volunteer = at("Vrijwilliger Druk", street, List.of("GARDEN"));
        Person suspended = at("Geschorste Vrager", street + 50, List.of());
        Person blocker = at("Blokkerende Vrager", street + 60, List.of());
        for (int i = 0; i < 4; i++) {
            api().request(volunteer, "GARDEN", "Mijn eigen tuin " + i);
            api().request(suspended, "GARDEN", "Heg " + i);
        }
        for (int i = 0; i < 3; i++) {
            api().request(blocker, "GARDEN", "Gras " + i);
        }
        db.update("INSERT INTO participant_block (blocker_id, blocked_id) VALUES (?, ?)", ps -> {
            ps.setLong(1, blocker.participantId());
            ps.setLong(2, volunteer.participantId());
        });
        api().post("/api/participants/" + suspended.participantId() + "/suspend", api().staff("MAKELAAR"), Map.of("reason", "Klacht"));
        Person further = at("Verdere Vrager", street + 2000, List.of());
        long takeable = api().request(further, "GARDEN", "Bladeren ruimen");

        List<Map<String, Object>> suggested = (List<Map<String, Object>>) api().get("/api/me/suggested-requests", volunteer)
                .get("requests");
        assertThat(suggested).extracting(r -> ((Number) r.get("requestId")).longValue()).containsExactly(takeable);
    }

    /**
     * An open request does not name its requester, so a volunteer is not told that it comes from
     * someone they helped before: not in words, not in the score, not in the order (the requester,
     * choosing whom to invite, is; see the first test).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aVolunteerIsNotToldThatARequestComesFromAnEarlierPartner() {
        double street = 3 * AWAY;
        Person volunteer = at("Vrijwilliger Bekend", street, List.of("GARDEN"));
        Person partner = at("Eerdere Vrager", street + 300, List.of());
        Person stranger = at("Nieuwe Vrager", street + 300, List.of()); // next door: the same public place
        long before = api().request(partner, "GARDEN", "Heg knippen, vorig jaar");
        for (int k = 0; k < 3; k++) {
            MatchRows.insert(db, before, partner, volunteer, "COMPLETED", false, 200);
        }
        db.update("UPDATE listing SET status = 'CLOSED' WHERE id = ?", ps -> ps.setLong(1, before));
        long fromPartner = api().request(partner, "GARDEN", "Heg knippen");
        long fromStranger = api().request(stranger, "GARDEN", "Gras maaien");
        // A public place is its cell's centre moved by a random dither of up to 30 m each way, which
        // alone can part two scores by more than a point; put both requests on the same public place
        // so that only what the volunteer is told about the requester could part them.
        db.update("UPDATE listing SET public_place = (SELECT public_place FROM listing WHERE id = ?) WHERE id = ?", ps -> {
            ps.setLong(1, fromPartner);
            ps.setLong(2, fromStranger);
        });

        List<Map<String, Object>> suggested = (List<Map<String, Object>>) api().get("/api/me/suggested-requests", volunteer)
                .get("requests");

        assertThat(suggested).extracting(r -> ((Number) r.get("requestId")).longValue())
                .containsExactlyInAnyOrder(fromPartner, fromStranger);
        assertThat(suggested).allSatisfy(r -> {
            assertThat((String) r.get("explanationNl")).doesNotContain("samen");
            assertThat((String) r.get("explanationEn")).doesNotContain("together");
            assertThat((List<Map<String, Object>>) r.get("components")).extracting(c -> c.get("factor")).doesNotContain("history");
        });
        // As far and as fit, so the same score; three earlier matches would add ten points of eighty.
        double[] scores = suggested.stream().mapToDouble(r -> ((Number) r.get("score")).doubleValue()).toArray();
        assertThat(scores[0]).as("as far, as fit").isEqualTo(scores[1]);
    }

    private void match(long requestId, Person requester, Person helper, String status) {
        MatchRows.insert(db, requestId, requester, helper, status, false, 0);
    }
}
