package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** What happens after a match: help logged, thanks, private feedback, problem reports, blocks. */
@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class MatchAfterTest extends MatchTestSupport {
    /** Today in Haarlem when the test began (set before each: the class's instance lives for all its tests). */
    LocalDate TODAY;

    @org.junit.jupiter.api.BeforeEach
    void today() {
        TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    /** A running match between two new people; with {@code daysAgo} it was accepted that long ago. */
    record Running(Person requester, Person helper, long request, long match) {}

    private Running running(boolean recurring, int daysAgo) {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long request = recurring ? recurringRequest(anna, "DOG_WALKING", "Hond uitlaten") : api().request(anna, "SHOPPING", "Boodschappen");
        long match = id(propose(bram, request, null));
        act(match, "accept", anna);
        if (daysAgo > 0) {
            // Noon in Haarlem that many days ago: its date is TODAY - daysAgo whatever the hour and the clock change.
            db.update("UPDATE match SET decided_at = (?::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam' WHERE id = ?", ps -> {
                ps.setString(1, TODAY.minusDays(daysAgo).toString());
                ps.setLong(2, match);
            });
        }
        return new Running(anna, bram, request, match);
    }

    private Map<String, Object> occurrence(Running r, Person who, LocalDate date) {
        return api().post("/api/matches/" + r.match() + "/occurrences", who, Map.of("date", date.toString(), "note", "Rondje park"));
    }

    @Test
    void recurringHelpIsOneMatchWithEachOccurrenceLoggedUnderIt() {
        Running r = running(true, 30);
        occurrence(r, r.helper(), TODAY.minusDays(21));
        occurrence(r, r.requester(), TODAY.minusDays(14));
        Map<String, Object> logged = occurrence(r, r.helper(), TODAY.minusDays(7));
        assertThat(logged).containsEntry("date", TODAY.minusDays(7).toString()).containsEntry("note", "Rondje park");
        occurrence(r, api().staff("MAKELAAR"), TODAY);

        assertRule(api().fails(() -> occurrence(r, r.requester(), TODAY.minusDays(7))).isProblem(409), "date", "occurrence-exists");
        api().fails(() -> occurrence(r, r.helper(), TODAY.plusDays(1))).isProblem(400).names("date", "PastOrPresent");
        api().fails(() -> occurrence(r, r.helper(), TODAY.minusDays(31))).isProblem(400).names("date", "NotBeforeAcceptance");
        api().fails(() -> api().post("/api/matches/" + r.match() + "/occurrences", r.helper(), Map.of("note", "zonder datum")))
                .isProblem(400).names("date", "NotNull");
        api().fails(() -> api().post("/api/matches/" + r.match() + "/occurrences", r.helper(),
                Map.of("date", TODAY.toString(), "note", "x".repeat(501)))).isProblem(400).names("note", "Size");

        List<Object> listed = (List<Object>) api().getList("/api/matches/" + r.match() + "/occurrences", r.requester());
        assertThat(listed).extracting(o -> String.valueOf(((Map<?, ?>) o).get("date"))).containsExactly(TODAY.minusDays(21).toString(),
                TODAY.minusDays(14).toString(), TODAY.minusDays(7).toString(), TODAY.toString());
        assertThat(Fixtures.number(match(r.match(), r.helper()).get("occurrences"))).isEqualTo(4);
        // Figures: one match for the pair, four times help given.
        assertThat(count("SELECT count(*) FROM match WHERE request_id = ?", r.request())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM match_occurrence o JOIN match m ON m.id = o.match_id WHERE m.request_id = ?",
                r.request())).isEqualTo(4);

        // Help given before the match was completed can still be logged; after its end it cannot.
        act(r.match(), "complete", r.requester());
        api().fails(() -> occurrence(r, r.helper(), TODAY.plusDays(1))).isProblem(400);
        assertThat(occurrence(r, r.helper(), TODAY.minusDays(3))).containsKey("id");
        // Ended five days ago (noon, Haarlem): help logged for four days ago came after its end.
        db.update("UPDATE match SET ended_at = (?::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam' WHERE id = ?", ps -> {
            ps.setString(1, TODAY.minusDays(5).toString());
            ps.setLong(2, r.match());
        });
        api().fails(() -> occurrence(r, r.helper(), TODAY.minusDays(4))).isProblem(400).names("date", "NotAfterEnd");
        assertThat(occurrence(r, r.helper(), TODAY.minusDays(5))).containsKey("id");
    }

    @Test
    void helpIsLoggedOnlyUnderAnAcceptedMatch() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long id = id(propose(anna, recurringRequest(anna, "COMPANY", "Wandelen"), bram.participantId()));
        assertRule(api().fails(() -> api().post("/api/matches/" + id + "/occurrences", anna, Map.of("date", TODAY.toString())))
                .isProblem(409), "status", "match-not-accepted");
        act(id, "decline", bram);
        assertRule(api().fails(() -> api().post("/api/matches/" + id + "/occurrences", anna, Map.of("date", TODAY.toString())))
                .isProblem(409), "status", "match-not-accepted");
    }

    @Test
    void theRequesterThanksTheHelperWhoSeesIt() {
        Running r = running(false, 0);
        Map<String, Object> thanks = act(r.match(), "thanks", r.requester(), Map.of("message", "Heel erg bedankt!"));
        assertThat(thanks).containsEntry("kind", "THANKS").containsEntry("text", "Heel erg bedankt!");
        assertThat(api().fails(() -> act(r.match(), "thanks", r.helper(), Map.of("message", "Graag gedaan"))).isProblem(403).type())
                .endsWith("/requester-only");
        api().fails(() -> act(r.match(), "thanks", r.requester(), Map.of("message", " "))).isProblem(400).names("message", "NotBlank");
        api().fails(() -> act(r.match(), "thanks", r.requester(), Map.of("message", "x".repeat(1001)))).isProblem(400)
                .names("message", "Size");

        Map<String, Object> seen = match(r.match(), r.helper());
        assertThat((List<Object>) (List<?>) seen.get("thanks")).singleElement().satisfies(t ->
                assertThat(((Map<Object, Object>) (Map<?, ?>) t).get("message")).isEqualTo("Heel erg bedankt!"));
        List<?> received = api().getItems("/api/me/thanks", r.helper());
        assertThat(received).singleElement().satisfies(t -> {
            assertThat(((Map<Object, Object>) (Map<?, ?>) t).get("fromName")).isEqualTo("Anna");
            assertThat(((Map<Object, Object>) (Map<?, ?>) t).get("requestTitle")).isEqualTo("Boodschappen");
        });
        assertThat(api().getItems("/api/me/thanks", r.requester())).isEmpty();
        // Thanks also after completion, never before acceptance.
        act(r.match(), "complete", r.helper());
        act(r.match(), "thanks", r.requester(), Map.of("message", "Nogmaals dank"));
        assertRule(api().fails(() -> act(r.match(), "thanks", r.requester(), Map.of("message", "Nogmaals dank"))).isProblem(409),
                "message", "duplicate");
        Person carla = api().residentAt("Carla", LAT, LON);
        long proposed = id(propose(r.requester(), api().request(r.requester(), "GARDEN", "Tuin"), carla.participantId()));
        assertRule(api().fails(() -> act(proposed, "thanks", r.requester(), Map.of("message", "Alvast bedankt"))).isProblem(409),
                "status", "match-not-accepted");
    }

    @Test
    void feedbackIsPrivateForTheMakelaar() {
        Running r = running(false, 0);
        act(r.match(), "feedback", r.requester(), Map.of("text", "Bram was wat laat maar heel aardig"));
        act(r.match(), "feedback", r.helper(), Map.of("text", "Prettig contact"));
        api().fails(() -> act(r.match(), "feedback", r.helper(), Map.of("text", ""))).isProblem(400).names("text", "NotBlank");

        // Neither party reads feedback: not in the match, not through the notes.
        assertThat(api().getRaw("/api/matches/" + r.match(), r.helper())).doesNotContain("wat laat");
        assertThat(api().getRaw("/api/matches/" + r.match(), r.requester())).doesNotContain("Prettig contact");
        assertThat(api().fails(() -> api().getList("/api/matches/" + r.match() + "/notes", r.requester())).isProblem(403).type())
                .endsWith("/staff-only");
        api().fails(() -> api().getList("/api/matches/" + r.match() + "/notes", r.helper())).isProblem(403);

        List<?> notes = api().getList("/api/matches/" + r.match() + "/notes", api().staff("MAKELAAR"));
        assertThat(notes).extracting(n -> ((Map<?, ?>) n).get("kind") + "/" + ((Map<?, ?>) n).get("authorSide") + "/"
                + ((Map<?, ?>) n).get("text")).containsExactly("FEEDBACK/REQUESTER/Bram was wat laat maar heel aardig",
                "FEEDBACK/HELPER/Prettig contact");

        // Feedback follows an accepted match; after a cancellation it still may be given.
        act(r.match(), "cancel", r.helper(), Map.of("reason", "Verhuisd"));
        assertThat(act(r.match(), "feedback", r.requester(), Map.of("text", "Jammer")).get("kind")).isEqualTo("FEEDBACK");
        Person carla = api().residentAt("Carla", LAT, LON);
        long proposed = id(propose(r.requester(), api().request(r.requester(), "GARDEN", "Tuin"), carla.participantId()));
        assertRule(api().fails(() -> act(proposed, "feedback", carla, Map.of("text", "nog niets"))).isProblem(409),
                "status", "match-not-accepted");
    }

    @Test
    void aProblemReportIsKeptForTheMakelaarWhoMarksItHandled() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long id = id(propose(bram, api().request(anna, "ODD_JOBS", "Klusje"), null));
        // Any state, even a proposal.
        Map<String, Object> report = act(id, "reports", anna, Map.of("text", "Hij belde me drie keer 's nachts"));
        long reportId = id(report);
        assertThat(report).containsEntry("kind", "REPORT");
        api().fails(() -> act(id, "reports", anna, Map.of("text", "x".repeat(2001)))).isProblem(400).names("text", "Size");
        // The same report again (a double tap, a retry after a lost answer) is there once; another is welcome.
        assertRule(api().fails(() -> act(id, "reports", anna, Map.of("text", "Hij belde me drie keer 's nachts "))).isProblem(409),
                "text", "duplicate");
        act(id, "reports", anna, Map.of("text", "En vannacht weer"));
        act(id, "reports", bram, Map.of("text", "Hij belde me drie keer 's nachts"));
        assertThat(count("SELECT count(*) FROM match_note WHERE match_id = ? AND kind = 'REPORT'", id)).isEqualTo(3);
        assertThat(api().getRaw("/api/matches/" + id, bram)).doesNotContain("drie keer");

        Person makelaar = api().staff("MAKELAAR");
        List<?> open = api().getAllItems("/api/match-reports?open=true", makelaar);
        Map<?, ?> mine = (Map<?, ?>) open.stream().filter(o -> Fixtures.number(((Map<?, ?>) o).get("id")) == reportId)
                .findFirst().orElseThrow();
        assertThat(mine.get("authorSide")).isEqualTo("REQUESTER");
        assertThat(mine.get("authorName")).isEqualTo("Anna");
        assertThat(mine.get("matchStatus")).isEqualTo("PROPOSED");
        assertThat(mine.containsKey("handledAt")).isFalse();

        Map<String, Object> handled = api().post("/api/match-reports/" + reportId + "/handled", makelaar, Map.of());
        assertThat(handled).containsKey("handledAt");
        assertThat(Fixtures.number(handled.get("handledBy"))).isEqualTo(makelaar.accountId());
        assertRule(api().fails(() -> api().post("/api/match-reports/" + reportId + "/handled", makelaar, Map.of())).isProblem(409),
                "id", "already-handled");
        api().fails(() -> api().post("/api/match-reports/99999999/handled", makelaar, Map.of())).isProblem(404);
        assertThat(ids(api().getAllItems("/api/match-reports?open=true", makelaar))).doesNotContain(reportId);
        assertThat(ids(api().getAllItems("/api/match-reports?open=false", makelaar))).contains(reportId);
        assertThat(ids(api().getAllItems("/api/match-reports?open=FALSE", makelaar))).contains(reportId);
        api().fails(() -> api().getItems("/api/match-reports?open=ja", makelaar)).isProblem(400).names("open", "OneOf");
        assertThat(ids(api().getAllItems("/api/match-reports", makelaar))).contains(reportId);
    }

    private static List<Long> ids(List<?> rows) {
        return rows.stream().map(o -> Fixtures.number(((Map<?, ?>) o).get("id"))).toList();
    }

    @Test
    void aBlockEndsEveryOpenMatchBetweenTheTwoAndStopsNewOnes() {
        Running r = running(false, 0);
        long otherRequest = api().request(r.requester(), "GARDEN", "Tuin");
        long pending = id(propose(r.requester(), otherRequest, r.helper().participantId()));
        long helpersRequest = api().request(r.helper(), "COMPUTER_HELP", "Hulp met de telefoon");
        long reverse = id(propose(r.requester(), helpersRequest, null));
        // A completed match between them stays completed.
        long thirdRequest = api().request(r.requester(), "ODD_JOBS", "Schilderij ophangen");
        long done = id(propose(r.requester(), thirdRequest, r.helper().participantId()));
        act(done, "accept", r.helper());
        act(done, "complete", r.helper());
        assertThat(match(done, r.requester()).get("contactShared")).isEqualTo(true);

        Map<String, Object> blocked = act(r.match(), "block", r.helper());
        assertThat(blocked).containsEntry("status", "CANCELLED").containsEntry("endReason", "blocked")
                .containsEntry("endedBySide", "HELPER").containsEntry("contactShared", false);
        assertThat(timeline(blocked)).last().isEqualTo("HELPER:ACTIVE->CANCELLED");
        assertThat(match(pending, r.requester())).containsEntry("status", "CANCELLED").containsEntry("endReason", "blocked");
        assertThat(match(reverse, r.requester())).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "REQUESTER");
        assertThat(timeline(match(reverse, r.requester()))).last().isEqualTo("REQUESTER:PROPOSED->CANCELLED");
        // The running match's request is open again; the completed one stays, but shares nothing any more.
        assertThat(requestStatus(r.request(), r.requester())).isEqualTo("OPEN");
        Map<String, Object> doneNow = match(done, r.requester());
        assertThat(doneNow).containsEntry("status", "COMPLETED").containsEntry("contactShared", false);
        assertThat(((Map<Object, Object>) (Map<?, ?>) doneNow.get("helper"))).doesNotContainKey("contact");
        assertThat((List<Object>) (List<?>) doneNow.get("actions")).doesNotContain("thank");
        assertRule(api().fails(() -> act(done, "thanks", r.requester(), Map.of("message", "dank"))).isProblem(409), "helper", "blocked");

        // No new proposals, whoever makes them and whichever way round.
        assertRule(api().fails(() -> propose(r.requester(), r.request(), r.helper().participantId())).isProblem(409),
                "helperId", "blocked");
        assertRule(api().fails(() -> propose(r.helper(), r.request(), null)).isProblem(409), "helperId", "blocked");
        assertRule(api().fails(() -> propose(r.requester(), helpersRequest, null)).isProblem(409), "helperId", "blocked");
        assertRule(api().fails(() -> propose(api().staff("MAKELAAR"), r.request(), r.helper().participantId())).isProblem(409),
                "helperId", "blocked");

        // Blocking again changes nothing; the other may block too.
        assertThat(act(r.match(), "block", r.helper()).get("status")).isEqualTo("CANCELLED");
        assertThat(timeline(match(r.match(), r.helper()))).hasSize(3);
        act(pending, "block", r.requester());
        assertThat(count("SELECT count(*) FROM participant_block WHERE blocker_id = ?", r.helper().participantId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM participant_block WHERE blocker_id = ?", r.requester().participantId())).isEqualTo(1);
        // Either can still tell the makelaar what happened.
        assertThat(act(r.match(), "reports", r.requester(), Map.of("text", "Geblokkeerd na ruzie")).get("kind")).isEqualTo("REPORT");

        // A block is taken back by the one who made it; while the other's block stands, nothing changes.
        assertThat(act(r.match(), "unblock", r.helper()).get("status")).as("what the block ended stays ended").isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM participant_block WHERE blocker_id = ?", r.helper().participantId())).isZero();
        assertRule(api().fails(() -> propose(r.helper(), r.request(), null)).isProblem(409), "helperId", "blocked");
        act(pending, "unblock", r.requester());
        act(pending, "unblock", r.requester());
        assertThat(count("SELECT count(*) FROM participant_block WHERE blocker_id = ?", r.requester().participantId())).isZero();
        assertThat(propose(r.helper(), r.request(), null).get("status")).isEqualTo("PROPOSED");
    }

    @Test
    void theOwnDataExportHoldsMyMatchesOccurrencesAndWhatIWrote() {
        Running r = running(true, 10);
        occurrence(r, r.helper(), TODAY.minusDays(2));
        act(r.match(), "thanks", r.requester(), Map.of("message", "Dank voor het uitlaten"));
        act(r.match(), "feedback", r.helper(), Map.of("text", "Fijne hond, fijne mensen"));
        act(r.match(), "feedback", r.requester(), Map.of("text", "Zeer betrouwbaar"));

        Map<String, Object> export = Fixtures.parse(api().exchange(HttpRequest.GET("/api/me/export"), r.helper()).getBody().orElseThrow());
        Map<?, ?> section = (Map<?, ?>) export.get("matches");
        Map<?, ?> own = (Map<?, ?>) ((List<?>) section.get("matches")).get(0);
        assertThat(own.get("yourSide")).isEqualTo("HELPER");
        assertThat(own.get("counterpart")).isEqualTo("Anna");
        assertThat((List<Object>) (List<?>) own.get("occurrences")).hasSize(1);
        assertThat((List<Object>) (List<?>) own.get("timeline")).hasSize(2);
        assertThat((List<Object>) (List<?>) own.get("thanks")).hasSize(1);
        assertThat((List<Object>) (List<?>) section.get("notesYouWrote")).singleElement()
                .satisfies(n -> assertThat(((Map<Object, Object>) (Map<?, ?>) n).get("text")).isEqualTo("Fijne hond, fijne mensen"));
        // What the other side wrote to the makelaar stays with the makelaar.
        assertThat(export.toString()).doesNotContain("Zeer betrouwbaar");

        act(r.match(), "block", r.helper());
        Map<String, Object> after = Fixtures.parse(api().exchange(HttpRequest.GET("/api/me/export"), r.helper()).getBody().orElseThrow());
        assertThat((List<Object>) (List<?>) ((Map<?, ?>) after.get("matches")).get("blocksYouMade")).singleElement()
                .satisfies(b -> assertThat(((Map<Object, Object>) (Map<?, ?>) b).get("blockedName")).isEqualTo("Anna"));
    }
}
