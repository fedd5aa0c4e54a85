package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import nl.noaber.db.Db;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The database keeps {@code helper_lane} (V9) itself: one row per helper and category in which
 * they can help (a skill, an open offer, or both), only for helpers who can be matched, holding
 * what the candidate statement reads. Every change that matters is followed, by whichever path it
 * comes, and two transactions changing one helper at once leave the rows both made.
 */
@MicronautTest(environments = "test", transactional = false)
class HelperLaneTest extends IntegrationTest {
    @Inject
    Db db;
    @Inject
    CandidateRepository candidates;

    private final Random random = new Random();
    private final double lat = -50 + random.nextDouble() * 100;
    private final double lon = -170 + random.nextDouble() * 340;

    /** The helper's rows as category:skill:offer (the offer's id, or -), in category order. */
    private String lanes(Person p) {
        return db.one("""
                SELECT coalesce(string_agg(category_code || ':' || has_skill || ':' || coalesce(CAST(offer_id AS text), '-'),
                                           ',' ORDER BY category_code), '')
                  FROM helper_lane WHERE participant_id = ?""", ps -> ps.setLong(1, p.participantId()), rs -> rs.getString(1))
                .orElseThrow();
    }

    private void profile(Person p, List<String> skills, int travel, List<String> languages) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", "Hanna Helpt");
        body.put("skills", skills);
        body.put("travelRadiusMetres", travel);
        body.put("languages", languages);
        body.put("availability", List.of("TUE_MORNING"));
        body.put("preferredLanguage", "nl");
        api().put("/api/me/profile", p, body);
    }

    @Test
    void theRowsFollowSkillsOffersHomeStatusAndAccount() {
        Person hanna = api().resident("Hanna Helpt");
        profile(hanna, List.of("SHOPPING", "GARDEN"), 3000, List.of("nl", "en"));
        assertThat(lanes(hanna)).as("no home place yet: nobody to send").isEmpty();

        api().put("/api/me/home", hanna, Map.of("lat", lat, "lon", lon));
        assertThat(lanes(hanna)).isEqualTo("GARDEN:true:-,SHOPPING:true:-");
        assertThat(db.one("""
                SELECT travel_radius_m || '|' || array_to_string(languages, ',') || '|' || array_to_string(availability, ',')
                       || '|' || kind || '|' || display_name || '|' || capacity || '|' || round(ST_Distance(home_place, ST_MakePoint(?, ?)::geography))
                  FROM helper_lane WHERE participant_id = ? AND category_code = 'GARDEN'""", ps -> {
                    ps.setDouble(1, lon);
                    ps.setDouble(2, lat);
                    ps.setLong(3, hanna.participantId());
                }, rs -> rs.getString(1)).orElseThrow()).isEqualTo("3000|nl,en|TUE_MORNING|PERSON|Hanna Helpt|3|0");

        // Offers: the first open one per category is the one linked; a category of offers alone is a lane too.
        long garden = api().offer(hanna, "GARDEN", "Hanna maait gras");
        long lift1 = api().offer(hanna, "LIFT", "Hanna rijdt");
        long lift2 = api().offer(hanna, "LIFT", "Hanna rijdt ook 's avonds");
        assertThat(lanes(hanna)).isEqualTo("GARDEN:true:%d,LIFT:false:%d,SHOPPING:true:-".formatted(garden, lift1));
        api().post("/api/offers/" + lift1 + "/withdraw", hanna, Map.of());
        assertThat(lanes(hanna)).isEqualTo("GARDEN:true:%d,LIFT:false:%d,SHOPPING:true:-".formatted(garden, lift2));
        api().post("/api/offers/" + lift2 + "/close", hanna, Map.of());
        assertThat(lanes(hanna)).isEqualTo("GARDEN:true:%d,SHOPPING:true:-".formatted(garden));

        // An offer moved to another category takes its lane along; a skill dropped leaves the offer's lane.
        api().put("/api/offers/" + garden, hanna, Fixtures.oneOff("COMPANY", "Hanna komt op de koffie"));
        assertThat(lanes(hanna)).isEqualTo("COMPANY:false:%d,GARDEN:true:-,SHOPPING:true:-".formatted(garden));
        profile(hanna, List.of("SHOPPING"), 1500, List.of("nl"));
        assertThat(lanes(hanna)).isEqualTo("COMPANY:false:%d,SHOPPING:true:-".formatted(garden));
        assertThat(db.one("SELECT min(travel_radius_m) || '|' || max(array_to_string(languages, ',')) FROM helper_lane WHERE participant_id = ?",
                ps -> ps.setLong(1, hanna.participantId()), rs -> rs.getString(1)).orElseThrow()).isEqualTo("1500|nl");

        // A disabled account, or a participant who is not ACTIVE, is out until it is back.
        Person coordinator = api().coordinator();
        api().post("/api/accounts/" + hanna.accountId() + "/disable", coordinator, Map.of());
        assertThat(lanes(hanna)).isEmpty();
        api().post("/api/accounts/" + hanna.accountId() + "/enable", coordinator, Map.of());
        assertThat(lanes(hanna)).isEqualTo("COMPANY:false:%d,SHOPPING:true:-".formatted(garden));
        db.update("UPDATE participant SET status = 'SUSPENDED' WHERE id = ?", ps -> ps.setLong(1, hanna.participantId()));
        assertThat(lanes(hanna)).isEmpty();
        db.update("UPDATE participant SET status = 'ACTIVE' WHERE id = ?", ps -> ps.setLong(1, hanna.participantId()));
        assertThat(lanes(hanna)).isEqualTo("COMPANY:false:%d,SHOPPING:true:-".formatted(garden));

        // Recomputing what has not changed writes nothing (each write leaves dead rows for vacuum).
        String versions = "SELECT string_agg(CAST(xmin AS text), ',' ORDER BY category_code) FROM helper_lane WHERE participant_id = ?";
        String before = db.one(versions, ps -> ps.setLong(1, hanna.participantId()), rs -> rs.getString(1)).orElseThrow();
        db.one("SELECT refresh_helper_lanes(ARRAY[CAST(? AS bigint)])", ps -> ps.setLong(1, hanna.participantId()), rs -> 1);
        assertThat(db.one(versions, ps -> ps.setLong(1, hanna.participantId()), rs -> rs.getString(1)).orElseThrow()).isEqualTo(before);

        // A move puts every row at the new home (disabling ended her sessions: she logs in again).
        Map<String, Object> tokens = api().post("/api/auth/login", null, Map.of("email", hanna.email(), "password", hanna.password()));
        Person again = new Person(hanna.accountId(), hanna.participantId(), hanna.email(), hanna.password(),
                (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"));
        api().put("/api/me/home", again, Map.of("lat", lat + 0.01, "lon", lon));
        assertThat(db.one("""
                SELECT count(*) FROM helper_lane
                 WHERE participant_id = ? AND ST_DWithin(home_place, ST_MakePoint(?, ?)::geography, 1)""", ps -> {
                    ps.setLong(1, hanna.participantId());
                    ps.setDouble(2, lon);
                    ps.setDouble(3, lat + 0.01);
                }, rs -> rs.getInt(1)).orElseThrow()).isEqualTo(2);
    }

    /** The helper's history as one lane row holds it: running|completed|declined|cancelled (counts of moments). */
    private String history(Person p) {
        return db.one("""
                SELECT running || '|' || cardinality(completed_at) || '|' || cardinality(declined_at) || '|' || cardinality(cancelled_at)
                       || '|' || coalesce(bool_and(m BETWEEN extract(epoch FROM now()) - 60 AND extract(epoch FROM now()) + 1), true)
                  FROM helper_lane LEFT JOIN LATERAL unnest(completed_at || declined_at || cancelled_at) m ON true
                 WHERE participant_id = ? AND category_code = 'SHOPPING'
                 GROUP BY running, completed_at, declined_at, cancelled_at""",
                ps -> ps.setLong(1, p.participantId()), rs -> rs.getString(1)).orElseThrow();
    }

    @Test
    void theHistoryFollowsTheHelpersMatches() {
        Person requester = api().residentAt("Vrager Geschiedenis", lat, lon);
        Person hanna = api().residentAt("Hanna Geschiedenis", lat + 0.002, lon);
        profile(hanna, List.of("SHOPPING"), 3000, List.of("nl"));
        assertThat(history(hanna)).isEqualTo("0|0|0|0|true");

        long first = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen 1"), hanna.participantId()));
        assertThat(history(hanna)).as("a proposal is no history yet").isEqualTo("0|0|0|0|true");
        act(first, "accept", hanna);
        assertThat(history(hanna)).isEqualTo("1|0|0|0|true");
        act(first, "complete", requester);
        assertThat(history(hanna)).isEqualTo("0|1|0|0|true");

        long second = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen 2"), hanna.participantId()));
        act(second, "decline", hanna, Map.of("reason", "Geen tijd"));
        assertThat(history(hanna)).isEqualTo("0|1|1|0|true");

        long third = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen 3"), hanna.participantId()));
        act(third, "accept", hanna);
        act(third, "cancel", hanna, Map.of("reason", "Verhuisd"));
        assertThat(history(hanna)).isEqualTo("0|1|1|1|true");

        // Declines and cancellations by the requester are not the helper's record.
        long fourth = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen 4"), hanna.participantId()));
        act(fourth, "accept", hanna);
        act(fourth, "cancel", requester, Map.of("reason", "Al geregeld"));
        assertThat(history(hanna)).isEqualTo("0|1|1|1|true");

        // Ending a running match by blocking the other person is for safety: it costs her nothing.
        Person other = api().residentAt("Ander Geschiedenis", lat, lon + 0.002);
        long fifth = id(propose(other, api().request(other, "SHOPPING", "Boodschappen 5"), hanna.participantId()));
        act(fifth, "accept", hanna);
        assertThat(history(hanna)).isEqualTo("1|1|1|1|true");
        api().post("/api/matches/" + fifth + "/block", hanna, Map.of());
        assertThat(db.one("SELECT status || ' ' || end_reason || ' ' || ended_by_side || ' ' || end_cause FROM match WHERE id = ?",
                ps -> ps.setLong(1, fifth), rs -> rs.getString(1)).orElseThrow()).isEqualTo("CANCELLED blocked HELPER BLOCKED");
        assertThat(history(hanna)).isEqualTo("0|1|1|1|true");
        // The word is not the block: "blocked" typed as the reason of a cancellation is a cancellation.
        long typed = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen 5b"), hanna.participantId()));
        act(typed, "accept", hanna);
        Map<String, Object> cancelled = act(typed, "cancel", hanna, Map.of("reason", "blocked"));
        assertThat(cancelled).containsEntry("endReason", "blocked").doesNotContainKey("endCause");
        assertThat(history(hanna)).isEqualTo("0|1|1|2|true");
        assertThat(api().get("/api/matches/" + fifth, hanna)).containsEntry("endCause", "BLOCKED");

        // A no that a makelaar records for her, after phoning, is hers (as it is for someone without an account)...
        Person makelaar = api().staff("MAKELAAR");
        long brokered = id(propose(makelaar, api().request(requester, "SHOPPING", "Boodschappen 6"), hanna.participantId()));
        act(brokered, "decline", makelaar, Map.of("reason", "Hanna kan niet, zei ze aan de telefoon"));
        assertThat(history(hanna)).isEqualTo("0|1|2|2|true");
        // ...but not a no to a proposal she made herself: that one is the requester's.
        long offered = id(propose(hanna, api().request(requester, "SHOPPING", "Boodschappen 7"), null));
        act(offered, "decline", makelaar, Map.of("reason", "De vrager heeft al iemand"));
        assertThat(history(hanna)).isEqualTo("0|1|2|2|true");

        // A running match a makelaar ends for her after a call is her cancellation; one ended for the
        // requester, or without saying for whom, is not.
        long[] running = new long[3];
        for (int i = 0; i < 3; i++) {
            running[i] = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen " + (8 + i)), hanna.participantId()));
            act(running[i], "accept", hanna);
        }
        assertThat(history(hanna)).isEqualTo("3|1|2|2|true");
        Map<String, Object> forHer = act(running[0], "cancel", makelaar, Map.of("reason", "Hanna belde: ze stopt", "onBehalfOf", "HELPER"));
        assertThat(forHer).containsEntry("endedBySide", "MAKELAAR").containsEntry("endedForSide", "HELPER");
        act(running[1], "cancel", makelaar, Map.of("reason", "De vrager belde: niet meer nodig", "onBehalfOf", "REQUESTER"));
        assertThat(act(running[2], "cancel", makelaar, Map.of("reason", "Na een melding")).containsKey("endedForSide")).isFalse();
        assertThat(history(hanna)).isEqualTo("0|1|2|3|true");
    }

    /** How many proposals wait for an answer with the helper as helper, as each of their lane rows holds it. */
    private List<Integer> proposed(Person p) {
        return db.list("SELECT proposed FROM helper_lane WHERE participant_id = ? ORDER BY category_code",
                ps -> ps.setLong(1, p.participantId()), rs -> rs.getInt(1));
    }

    @Test
    void theProposalsWaitingForTheHelpersAnswerAreCountedUntilAnswered() {
        Person requester = api().residentAt("Vrager Voorstellen", lat, lon);
        Person other = api().residentAt("Ander Voorstellen", lat, lon + 0.002);
        Person hanna = api().residentAt("Hanna Voorstellen", lat + 0.002, lon);
        profile(hanna, List.of("SHOPPING", "GARDEN"), 3000, List.of("nl"));
        assertThat(proposed(hanna)).containsExactly(0, 0);

        // Invited by a requester, and offering herself on someone else's request: both wait, in every lane of hers.
        long invited = id(propose(requester, api().request(requester, "SHOPPING", "Boodschappen"), hanna.participantId()));
        assertThat(proposed(hanna)).containsExactly(1, 1);
        long offered = id(propose(hanna, api().request(other, "GARDEN", "Heg knippen"), null));
        assertThat(proposed(hanna)).containsExactly(2, 2);
        long toDecline = id(propose(other, api().request(other, "SHOPPING", "Boodschappen voor Ander"), hanna.participantId()));
        assertThat(proposed(hanna)).containsExactly(3, 3);
        assertThat(candidates.stats(List.of(hanna.participantId()), Duration.ofDays(90), Duration.ofDays(90))
                .get(hanna.participantId())).isEqualTo(new CandidateRepository.Stats(0, 3, 0, 0, 0));

        // Answered or taken back, a proposal no longer waits; accepted, it runs.
        act(toDecline, "decline", hanna, Map.of("reason", "Geen tijd"));
        assertThat(proposed(hanna)).containsExactly(2, 2);
        act(offered, "withdraw", hanna, Map.of("reason", "Toch niet"));
        assertThat(proposed(hanna)).containsExactly(1, 1);
        act(invited, "accept", hanna);
        assertThat(proposed(hanna)).containsExactly(0, 0);
        // One running; the no counts (she is free on Tuesday mornings, when the request asks).
        assertThat(history(hanna)).isEqualTo("1|0|1|0|true");

        // Another helper accepted first: the proposal to her ends ("matched elsewhere") and stops waiting.
        Person kees = api().residentAt("Kees Voorstellen", lat + 0.003, lon);
        profile(kees, List.of("SHOPPING"), 3000, List.of("nl"));
        long request = api().request(requester, "SHOPPING", "Boodschappen morgen");
        id(propose(requester, request, hanna.participantId()));
        long toKees = id(propose(requester, request, kees.participantId()));
        assertThat(proposed(hanna)).containsExactly(1, 1);
        act(toKees, "accept", kees);
        assertThat(proposed(hanna)).containsExactly(0, 0);
    }

    @Test
    void aNoToAProposalForATimeTheHelperSaidTheyAreNotFreeIsNotHeldAgainstThem() {
        Person requester = api().residentAt("Vrager Tijden", lat, lon);
        Person hanna = api().residentAt("Hanna Tijden", lat + 0.002, lon);
        profile(hanna, List.of("SHOPPING"), 3000, List.of("nl"));
        // Hanna is free on Tuesday mornings only; this request asks Saturday evening.
        Map<String, Object> saturday = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen zaterdagavond"));
        saturday.put("schedule", Fixtures.window(java.time.DayOfWeek.SATURDAY, 19, 21));
        long onSaturday = Fixtures.number(api().post("/api/requests", requester, saturday).get("id"));
        act(id(propose(requester, onSaturday, hanna.participantId())), "decline", hanna, Map.of("reason", "Dan kan ik niet"));
        assertThat(history(hanna)).as("asked for a time she is not free: no mark").isEqualTo("0|0|0|0|true");
        assertThat(candidates.stats(List.of(hanna.participantId()), Duration.ofDays(90), Duration.ofDays(90))
                .get(hanna.participantId()).declines()).isZero();

        // The default request asks Tuesday morning, when she is free: that no counts.
        long onTuesday = api().request(requester, "SHOPPING", "Boodschappen dinsdagochtend");
        act(id(propose(requester, onTuesday, hanna.participantId())), "decline", hanna, Map.of("reason", "Geen tijd"));
        assertThat(history(hanna)).isEqualTo("0|0|1|0|true");
        assertThat(candidates.stats(List.of(hanna.participantId()), Duration.ofDays(90), Duration.ofDays(90))
                .get(hanna.participantId()).declines()).isEqualTo(1);
        assertThat(db.list("SELECT helper_free FROM match WHERE helper_id = ? ORDER BY id", ps -> ps.setLong(1, hanna.participantId()),
                rs -> rs.getBoolean(1))).containsExactly(false, true);
    }

    @Test
    void aProfileChangeAndANewOfferAtTheSameMomentBothLand() throws Exception {
        Person piet = api().residentAt("Piet Tegelijk", lat, lon);
        List<String> categories = List.of("GARDEN", "LIFT", "COMPANY", "DOG_WALKING", "COOKING", "PAPERWORK");
        List<String> skills = new ArrayList<>(List.of("SHOPPING"));
        List<Long> offers = new ArrayList<>();
        for (int round = 0; round < categories.size(); round += 2) {
            String skill = categories.get(round);
            String offered = categories.get(round + 1);
            skills.add(skill);
            List<String> theseSkills = List.copyOf(skills);
            CyclicBarrier start = new CyclicBarrier(2);
            var profileChange = CompletableFuture.runAsync(() -> {
                await(start);
                profile(piet, theseSkills, 2000, List.of("nl"));
            });
            var offer = CompletableFuture.supplyAsync(() -> {
                await(start);
                return api().offer(piet, offered, "Piet biedt " + offered);
            });
            profileChange.get();
            offers.add(offer.get());
        }
        assertThat(lanes(piet)).isEqualTo(("COMPANY:true:-,COOKING:true:-,DOG_WALKING:false:%d,GARDEN:true:-,LIFT:false:%d,"
                + "PAPERWORK:false:%d,SHOPPING:true:-").formatted(offers.get(1), offers.get(0), offers.get(2)));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
