package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class MatchLifecycleTest extends MatchTestSupport {

    @Test
    void theRequesterInvitesAHelperWhoAcceptsAndCompletes() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen op dinsdag");

        Map<String, Object> proposed = propose(anna, request, bram.participantId());
        long id = id(proposed);
        assertThat(proposed).containsEntry("channel", "REQUESTER").containsEntry("status", "PROPOSED")
                .containsEntry("yourSide", "REQUESTER").containsEntry("oneOff", true);
        assertThat((List<Object>) (List<?>) proposed.get("actions")).contains("withdraw").doesNotContain("accept", "decline");
        assertThat(((Map<Object, Object>) (Map<?, ?>) proposed.get("helper")).get("displayName")).isEqualTo("Bram");

        Map<String, Object> seenByBram = match(id, bram);
        assertThat(seenByBram).containsEntry("yourSide", "HELPER");
        assertThat((List<Object>) (List<?>) seenByBram.get("actions")).contains("accept", "decline").doesNotContain("withdraw", "complete");
        assertThat(((Map<Object, Object>) (Map<?, ?>) seenByBram.get("requester")).get("displayName")).isEqualTo("Anna");

        Map<String, Object> accepted = act(id, "accept", bram);
        assertThat(accepted).containsEntry("status", "ACTIVE").containsKey("decidedAt");
        assertThat(requestStatus(request, anna)).isEqualTo("MATCHED");

        Map<String, Object> completed = act(id, "complete", bram);
        assertThat(completed).containsEntry("status", "COMPLETED").containsEntry("endedBySide", "HELPER").containsKey("endedAt");
        assertThat(requestStatus(request, anna)).isEqualTo("CLOSED");
        assertThat(timeline(completed)).containsExactly("REQUESTER:null->PROPOSED", "HELPER:PROPOSED->ACTIVE",
                "HELPER:ACTIVE->COMPLETED");
        // Each transition is a row in match_event, written with the match.
        assertThat(count("SELECT count(*) FROM match_event WHERE match_id = ?", id)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM match WHERE id = ? AND decided_by IS NOT NULL AND ended_by IS NOT NULL", id))
                .isEqualTo(1);
    }

    @Test
    void aHelperRespondsTheRequesterAcceptsAndEitherSideCanEndItWithAReason() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long request = api().request(anna, "GARDEN", "Heg snoeien");

        Map<String, Object> body = new HashMap<>();
        body.put("requestId", request);
        body.put("note", "Ik heb een heggenschaar");
        Map<String, Object> proposed = api().post("/api/matches", bram, body);
        long id = id(proposed);
        assertThat(proposed).containsEntry("channel", "HELPER").containsEntry("yourSide", "HELPER");
        assertThat(((Map<Object, Object>) (Map<?, ?>) ((List<?>) proposed.get("timeline")).get(0)).get("reason")).isEqualTo("Ik heb een heggenschaar");
        // The helper cannot accept their own proposal: the requester decides.
        api().fails(() -> act(id, "accept", bram)).isProblem(403);

        assertThat(act(id, "accept", anna).get("status")).isEqualTo("ACTIVE");
        assertThat(requestStatus(request, anna)).isEqualTo("MATCHED");

        // The way out needs a reason.
        api().fails(() -> act(id, "cancel", bram, Map.of())).isProblem(400).names("reason", "NotBlank");
        api().fails(() -> act(id, "cancel", bram, Map.of("reason", "  "))).isProblem(400).names("reason", "NotBlank");
        api().fails(() -> act(id, "cancel", bram, Map.of("reason", "x".repeat(501)))).isProblem(400).names("reason", "Size");
        assertThat(match(id, anna).get("status")).isEqualTo("ACTIVE");

        Map<String, Object> cancelled = act(id, "cancel", bram, Map.of("reason", "Ik ben verhuisd"));
        assertThat(cancelled).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "HELPER")
                .containsEntry("endReason", "Ik ben verhuisd");
        // The request is open again for someone else.
        assertThat(requestStatus(request, anna)).isEqualTo("OPEN");
        assertThat(timeline(cancelled)).containsExactly("HELPER:null->PROPOSED", "REQUESTER:PROPOSED->ACTIVE",
                "HELPER:ACTIVE->CANCELLED");
    }

    @Test
    void aMakelaarBrokersForAnOfflineHelperAndAcceptsOnTheirBehalf() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(anna, "COMPANY", "Koffie en een praatje");
        long offline = offlineParticipant("Mevrouw de Lange");

        Map<String, Object> body = new HashMap<>();
        body.put("requestId", request);
        body.put("helperId", offline);
        body.put("explanation", "Woont drie huizen verder; spreekt Nederlands");
        Map<String, Object> proposed = api().post("/api/matches", makelaar, body);
        long id = id(proposed);
        assertThat(proposed).containsEntry("channel", "MAKELAAR").containsEntry("yourSide", "MAKELAAR")
                .containsEntry("explanation", "Woont drie huizen verder; spreekt Nederlands");
        assertThat(((Map<Object, Object>) (Map<?, ?>) proposed.get("helper")).get("offline")).isEqualTo(true);

        // A brokered match is answered by the helper, here through the makelaar; the requester cannot accept it.
        api().fails(() -> act(id, "accept", anna)).isProblem(403);
        Map<String, Object> accepted = act(id, "accept", makelaar);
        assertThat(accepted.get("status")).isEqualTo("ACTIVE");
        assertThat(timeline(accepted)).containsExactly("MAKELAAR:null->PROPOSED", "MAKELAAR:PROPOSED->ACTIVE");
        // Staff see which account acted; residents see only the side.
        assertThat((List<Object>) (List<?>) accepted.get("timeline")).allSatisfy(e -> assertThat((Map<Object, Object>) e).containsKey("actorAccountId"));
        assertThat((List<Object>) (List<?>) match(id, anna).get("timeline")).allSatisfy(e ->
                assertThat((Map<Object, Object>) e).doesNotContainKey("actorAccountId"));
        // A coordinator sees and acts like a makelaar.
        Person coordinator = api().coordinator();
        assertThat(match(id, coordinator).get("yourSide")).isEqualTo("MAKELAAR");
        assertThat(act(id, "complete", coordinator).get("endedBySide")).isEqualTo("MAKELAAR");
        assertThat(requestStatus(request, anna)).isEqualTo("CLOSED");
    }

    @Test
    void declinedAndWithdrawnProposalsEndAndANoStaysANo() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long request = api().request(anna, "ODD_JOBS", "Lamp ophangen");

        long toBram = id(propose(anna, request, bram.participantId()));
        Map<String, Object> declined = act(toBram, "decline", bram, Map.of("reason", "Geen tijd deze week"));
        assertThat(declined).containsEntry("status", "DECLINED").containsEntry("endedBySide", "HELPER")
                .containsEntry("endReason", "Geen tijd deze week");
        assertThat(requestStatus(request, anna)).isEqualTo("OPEN");
        assertRule(api().fails(() -> propose(anna, request, bram.participantId())).isProblem(409), "helperId", "declined-before");
        assertRule(api().fails(() -> propose(bram, request, null)).isProblem(409), "helperId", "declined-before");

        long toCarla = id(propose(anna, request, carla.participantId()));
        // Only the proposer withdraws; the other side declines.
        assertThat(api().fails(() -> act(toCarla, "withdraw", carla)).isProblem(403).type()).endsWith("/proposer-withdraws");
        Map<String, Object> withdrawn = act(toCarla, "withdraw", anna, Map.of("reason", "Al geregeld"));
        assertThat(withdrawn).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "REQUESTER")
                .doesNotContainKey("decidedAt");
        assertThat(timeline(withdrawn)).containsExactly("REQUESTER:null->PROPOSED", "REQUESTER:PROPOSED->CANCELLED");
        // A withdrawn proposal is not a refusal: it may be made again.
        assertThat(propose(anna, request, carla.participantId()).get("status")).isEqualTo("PROPOSED");
    }

    @Test
    void illegalTransitionsAre409NamingTheCurrentStatus() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long request = api().request(anna, "ODD_JOBS", "Kast in elkaar zetten");

        long declined = id(propose(anna, request, carla.participantId()));
        act(declined, "decline", carla);
        illegal(() -> act(declined, "accept", carla), "DECLINED");
        illegal(() -> act(declined, "decline", carla), "DECLINED");
        illegal(() -> act(declined, "withdraw", anna), "DECLINED");
        illegal(() -> act(declined, "complete", anna), "DECLINED");

        long id = id(propose(anna, request, bram.participantId()));
        illegal(() -> act(id, "complete", bram), "PROPOSED");
        illegal(() -> act(id, "cancel", bram, Map.of("reason", "toch niet")), "PROPOSED");
        act(id, "accept", bram);
        illegal(() -> act(id, "accept", bram), "ACTIVE");
        illegal(() -> act(id, "decline", bram), "ACTIVE");
        illegal(() -> act(id, "withdraw", anna), "ACTIVE");
        act(id, "complete", anna);
        illegal(() -> act(id, "complete", anna), "COMPLETED");
        illegal(() -> act(id, "cancel", anna, Map.of("reason", "te laat")), "COMPLETED");
        illegal(() -> act(id, "accept", bram), "COMPLETED");
        // Nothing changed by the refused calls: three events only.
        assertThat(timeline(match(id, anna))).hasSize(3);
    }

    /** Every action on every ended match, by the side that could have taken it before: 409, nothing written. */
    @Test
    void noActionMovesAnEndedMatch() {
        Person anna = api().residentAt("Anna Einde", LAT, LON);
        Person bram = api().residentAt("Bram Einde", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla Einde", LAT + 0.003, LON);
        Person dirk = api().residentAt("Dirk Einde", LAT + 0.001, LON);

        long declined = id(propose(anna, api().request(anna, "ODD_JOBS", "Lamp ophangen"), carla.participantId()));
        act(declined, "decline", carla);
        long withdrawn = id(propose(anna, api().request(anna, "ODD_JOBS", "Plank ophangen"), dirk.participantId()));
        act(withdrawn, "withdraw", anna, Map.of("reason", "Al geregeld"));
        long cancelled = id(propose(anna, api().request(anna, "ODD_JOBS", "Gordijn ophangen"), bram.participantId()));
        act(cancelled, "accept", bram);
        act(cancelled, "cancel", bram, Map.of("reason", "Ik ben ziek"));
        long completed = id(propose(anna, api().request(anna, "ODD_JOBS", "Schilderij ophangen"), bram.participantId()));
        act(completed, "accept", bram);
        act(completed, "complete", anna);

        record Ended(long match, String status, Person helper) {}
        for (Ended e : List.of(new Ended(declined, "DECLINED", carla), new Ended(withdrawn, "CANCELLED", dirk),
                new Ended(cancelled, "CANCELLED", bram), new Ended(completed, "COMPLETED", bram))) {
            long match = e.match();
            int events = timeline(match(match, anna)).size();
            illegal(() -> act(match, "accept", e.helper()), e.status());
            illegal(() -> act(match, "decline", e.helper()), e.status());
            illegal(() -> act(match, "withdraw", anna, Map.of("reason", "toch niet")), e.status());
            illegal(() -> act(match, "complete", anna), e.status());
            illegal(() -> act(match, "complete", e.helper()), e.status());
            illegal(() -> act(match, "cancel", anna, Map.of("reason", "toch niet")), e.status());
            illegal(() -> act(match, "cancel", e.helper(), Map.of("reason", "toch niet")), e.status());
            assertThat(match(match, anna)).as("match %d", match).containsEntry("status", e.status());
            assertThat(timeline(match(match, anna))).as("events of match %d", match).hasSize(events);
        }
    }

    private void illegal(org.junit.jupiter.api.function.Executable call, String current) {
        var failure = api().fails(call).isProblem(409);
        assertRule(failure, "status", "illegal-transition");
        assertThat((String) failure.problem().get("detail")).contains(current);
    }

    @Test
    void aProposalIsCheckedBeforeItIsStored() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(anna, "LIFT", "Rit naar het ziekenhuis");
        long annasOffer = api().offer(anna, "COMPUTER_HELP", "Hulp met de tablet");

        api().fails(() -> propose(anna, 99_999_999L, bram.participantId())).isProblem(404).names("requestId", "NotFound");
        api().fails(() -> propose(anna, annasOffer, bram.participantId())).isProblem(404).names("requestId", "NotFound");
        api().fails(() -> api().post("/api/matches", anna, Map.of())).isProblem(400).names("requestId", "NotNull");
        api().fails(() -> propose(anna, request, null)).isProblem(400).names("helperId", "NotNull");
        api().fails(() -> propose(makelaar, request, null)).isProblem(400).names("helperId", "NotNull");
        api().fails(() -> propose(anna, request, anna.participantId())).isProblem(422).names("helperId", "own-request");
        // A requester learns nothing about a number out of reach, not even whether it exists; a makelaar does.
        api().fails(() -> propose(anna, request, 99_999_999L)).isProblem(422).names("helperId", "out-of-reach");
        api().fails(() -> propose(makelaar, request, 99_999_999L)).isProblem(422).names("helperId", "unknown-participant");
        setParticipant(carla.participantId(), "status", "INACTIVE");
        // To a requester, a neighbour shut out is as one out of reach (that they were is not the requester's to learn).
        api().fails(() -> propose(anna, request, carla.participantId())).isProblem(422).names("helperId", "out-of-reach");
        api().fails(() -> propose(makelaar, request, carla.participantId())).isProblem(422).names("helperId", "helper-not-active");
        api().fails(() -> propose(carla, request, null)).isProblem(422).names("helperId", "helper-not-active");
        // A neighbour offers only themself, and records no explanation (that is the makelaar's).
        assertThat(api().fails(() -> propose(bram, request, anna.participantId())).isProblem(403).type())
                .endsWith("/propose-yourself");
        Map<String, Object> explained = new HashMap<>(Map.of("requestId", request, "explanation", "ik ben dichtbij"));
        api().fails(() -> api().post("/api/matches", bram, explained)).isProblem(400).names("explanation", "StaffOnly");
        Map<String, Object> longNote = new HashMap<>(Map.of("requestId", request, "note", "x".repeat(501)));
        api().fails(() -> api().post("/api/matches", bram, longNote)).isProblem(400).names("note", "Size");
        // An offer used must be the helper's own open offer.
        Map<String, Object> withAnnasOffer = new HashMap<>(Map.of("requestId", request, "offerId", annasOffer));
        api().fails(() -> api().post("/api/matches", bram, withAnnasOffer)).isProblem(422).names("offerId", "not-helpers-offer");
        long bramsOffer = api().offer(bram, "LIFT", "Ik rijd u graag");
        Map<String, Object> withOffer = new HashMap<>(Map.of("requestId", request, "offerId", bramsOffer));
        long bramsGardenOffer = api().offer(bram, "GARDEN", "Ik maai uw gras");
        Map<String, Object> withGardenOffer = new HashMap<>(Map.of("requestId", request, "offerId", bramsGardenOffer));
        api().fails(() -> api().post("/api/matches", bram, withGardenOffer)).isProblem(422).names("offerId", "offer-wrong-category");
        long bramsOldOffer = api().offer(bram, "LIFT", "Ik reed vroeger graag");
        api().post("/api/offers/" + bramsOldOffer + "/withdraw", bram, Map.of());
        Map<String, Object> withOldOffer = new HashMap<>(Map.of("requestId", request, "offerId", bramsOldOffer));
        api().fails(() -> api().post("/api/matches", bram, withOldOffer)).isProblem(422).names("offerId", "offer-not-open");
        Map<String, Object> proposed = api().post("/api/matches", bram, withOffer);
        assertThat(((Map<Object, Object>) (Map<?, ?>) proposed.get("offer")).get("title")).isEqualTo("Ik rijd u graag");
        // One pending match per helper and request.
        assertRule(api().fails(() -> propose(anna, request, bram.participantId())).isProblem(409), "helperId", "match-exists");
        assertRule(api().fails(() -> propose(makelaar, request, bram.participantId())).isProblem(409), "helperId", "match-exists");

        // A request that is no longer open gets no proposals; a neighbour sees it as missing.
        api().post("/api/requests/" + request + "/withdraw", anna, Map.of());
        Person dirk = api().residentAt("Dirk", LAT + 0.004, LON);
        assertRule(api().fails(() -> propose(anna, request, dirk.participantId())).isProblem(409), "requestId", "request-not-open");
        api().fails(() -> propose(dirk, request, null)).isProblem(404);
        // ...and the pending one ended with it, so it can no longer be accepted.
        assertThat(match(id(proposed), bram)).containsEntry("status", "CANCELLED").containsEntry("endReason", "request withdrawn");
        assertRule(api().fails(() -> act(id(proposed), "accept", anna)).isProblem(409), "status", "illegal-transition");
    }

    @Test
    void withdrawingARequestEndsItsProposalsAndRunningMatchesAndTellsTheHelpers() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long request = recurringRequest(anna, "SHOPPING", "Wekelijks boodschappen");
        long running = id(propose(anna, request, bram.participantId()));
        long pending = id(propose(carla, request, null));
        act(running, "accept", bram);
        long elsewhere = id(propose(anna, api().request(anna, "GARDEN", "Tuin"), carla.participantId()));

        api().post("/api/requests/" + request + "/withdraw", anna, Map.of());

        Map<String, Object> ended = match(running, bram);
        assertThat(ended).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "REQUESTER")
                .containsEntry("endReason", "request withdrawn");
        assertThat(timeline(ended)).endsWith("REQUESTER:ACTIVE->CANCELLED");
        assertThat(match(pending, carla)).containsEntry("status", "CANCELLED");
        assertThat(match(elsewhere, carla)).as("another request's proposal").containsEntry("status", "PROPOSED");
        assertThat(requestStatus(request, anna)).as("withdrawn stays withdrawn").isEqualTo("WITHDRAWN");
        // The helpers hear of it; Anna, who did it, does not.
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED'", running)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND kind = 'MATCH_CANCELLED'",
                bram.participantId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND kind = 'MATCH_CANCELLED'",
                anna.participantId())).isZero();
    }

    @Test
    void closingARequestEndsItsProposalsButNotTheHelpAlreadyUnderWay() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long request = recurringRequest(anna, "SHOPPING", "Boodschappen, bijna klaar");
        long running = id(propose(anna, request, bram.participantId()));
        long pending = id(propose(carla, request, null));
        act(running, "accept", bram);

        api().post("/api/requests/" + request + "/close", anna, Map.of());

        assertThat(match(pending, carla)).containsEntry("status", "CANCELLED").containsEntry("endReason", "request closed");
        assertThat(match(running, bram)).containsEntry("status", "ACTIVE");
        assertThat(act(running, "complete", bram)).containsEntry("status", "COMPLETED");
    }

    @Test
    void changingWhatAnOpenRequestIsAboutEndsItsProposalsAndTellsTheHelpersWhatChanged() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        Person makelaar = api().staff("MAKELAAR");
        long offline = offlineParticipant("Mevrouw de Lange");
        db.update("UPDATE participant SET skills = '{SHOPPING}' WHERE id = ?", ps -> ps.setLong(1, carla.participantId()));
        long request = api().request(anna, "SHOPPING", "Boodschappen op dinsdag");
        long invited = id(propose(anna, request, bram.participantId()));
        long offered = id(propose(carla, request, null));
        long brokered = id(propose(makelaar, request, offline));
        String carlasLoad = "SELECT proposed + cardinality(cancelled_at) FROM helper_lane WHERE participant_id = ? AND category_code = 'SHOPPING'";
        assertThat(count(carlasLoad, carla.participantId())).as("a proposal waiting for her answer is load").isEqualTo(1);
        long elsewhere = id(propose(anna, api().request(anna, "GARDEN", "Tuin"), bram.participantId()));
        String path = "/api/requests/" + request;

        // New words, and the same time written in another offset: what the helpers said yes to stands.
        Map<String, Object> reworded = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen bij de Dirk"));
        reworded.put("description", "Een volle tas, graag voor de middag");
        Map<?, ?> asked = (Map<?, ?>) api().get(path, anna).get("schedule");
        reworded.put("schedule", Map.of("type", "ONE_OFF", "startsAt", inOffset(asked.get("startsAt"), -3, 0),
                "endsAt", inOffset(asked.get("endsAt"), -3, 0)));
        api().put(path, anna, reworded);
        assertThat(List.of(invited, offered, brokered)).allSatisfy(m ->
                assertThat(match(m, makelaar)).containsEntry("status", "PROPOSED"));

        // Another place: every proposal waiting for an answer ends, whichever side was to answer.
        Map<String, Object> moved = new HashMap<>(reworded);
        moved.put("place", Map.of("lat", LAT + 0.001, "lon", LON));
        api().put(path, anna, moved);
        for (long m : List.of(invited, offered, brokered)) {
            Map<String, Object> ended = match(m, makelaar);
            assertThat(ended).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "REQUESTER")
                    .containsEntry("endReason", "request changed: place").doesNotContainKey("decidedAt");
            assertThat(timeline(ended)).endsWith("REQUESTER:PROPOSED->CANCELLED");
        }
        assertThat(match(elsewhere, bram)).as("another request's proposal").containsEntry("status", "PROPOSED");
        assertThat(requestStatus(request, anna)).isEqualTo("OPEN");
        assertRule(api().fails(() -> act(offered, "accept", anna)).isProblem(409), "status", "illegal-transition");
        // The helpers are told what changed (the offline one through the makelaar's queue); Anna, who changed it, is not.
        assertThat(subject(invited, bram.participantId())).isEqualTo("Hulpvraag veranderd: Boodschappen bij de Dirk");
        assertThat(db.one("SELECT body_text FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED'",
                ps -> ps.setLong(1, offered), rs -> rs.getString(1)).orElseThrow())
                .contains("Anna heeft \u201cBoodschappen bij de Dirk\u201d veranderd (de plaats)").contains("opnieuw reageren");
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' "
                + "AND status = 'QUEUED_FOR_MAKELAAR'", brokered))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND kind = 'MATCH_CANCELLED'",
                anna.participantId())).isZero();
        // Nothing had been agreed: ending costs nobody anything, and no longer counts as load.
        assertThat(count(carlasLoad, carla.participantId())).isZero();

        // Whoever still fits responds again; a change of kind of help and time ends that too, naming both.
        long again = id(propose(carla, request, null));
        Map<String, Object> gardening = new HashMap<>(Fixtures.oneOff("GARDEN", "Boodschappen bij de Dirk"));
        gardening.put("place", Map.of("lat", LAT + 0.001, "lon", LON));
        gardening.put("schedule", Map.of("type", "ONE_OFF", "startsAt", inOffset(asked.get("startsAt"), 1, 1),
                "endsAt", inOffset(asked.get("endsAt"), 1, 1)));
        api().put(path, anna, gardening);
        assertThat(match(again, carla)).containsEntry("endReason", "request changed: category, schedule");
        assertThat(subject(again, carla.participantId())).isEqualTo("Hulpvraag veranderd: Boodschappen bij de Dirk");
        assertThat(db.one("SELECT body_text FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED'",
                ps -> ps.setLong(1, again), rs -> rs.getString(1)).orElseThrow()).contains("(de soort hulp en de tijd)");
    }

    /** The same instant written at another UTC offset (hours), {@code days} later. */
    private static String inOffset(Object time, int offsetHours, int days) {
        return java.time.OffsetDateTime.parse((String) time).plusDays(days)
                .withOffsetSameInstant(java.time.ZoneOffset.ofHours(offsetHours)).toString();
    }

    @Test
    void changingTheCategoryOfAnOfferEndsTheProposalsMadeWithIt() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long offer = api().offer(bram, "LIFT", "Ik rijd u graag");
        long request = api().request(anna, "LIFT", "Naar het ziekenhuis");
        long withOffer = id(api().post("/api/matches", bram, new HashMap<>(Map.of("requestId", request, "offerId", offer))));
        long other = api().request(anna, "LIFT", "Naar de markt");
        long withoutOffer = id(propose(bram, other, null));

        // New words for the offer: nothing ends.
        api().put("/api/offers/" + offer, bram, Fixtures.oneOff("LIFT", "Ik rijd u graag, ook 's avonds"));
        assertThat(match(withOffer, anna)).containsEntry("status", "PROPOSED");

        api().put("/api/offers/" + offer, bram, Fixtures.oneOff("GARDEN", "Ik maai uw gras"));
        assertThat(match(withOffer, anna)).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "HELPER")
                .containsEntry("endReason", "offer changed: category");
        assertThat(match(withoutOffer, anna)).as("not made with the offer").containsEntry("status", "PROPOSED");
        assertThat(subject(withOffer, anna.participantId())).isEqualTo("Aanbod veranderd: Naar het ziekenhuis");
    }

    private String subject(long matchId, long participantId) {
        return db.one("SELECT subject FROM notification WHERE match_id = ? AND participant_id = ? AND kind = 'MATCH_CANCELLED'",
                ps -> {
                    ps.setLong(1, matchId);
                    ps.setLong(2, participantId);
                }, rs -> rs.getString(1)).orElseThrow();
    }

    @Test
    void withdrawingAnOfferEndsTheProposalsMadeWithItOnly() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long offer = api().offer(bram, "LIFT", "Ik rijd u graag");
        long first = api().request(anna, "LIFT", "Naar het ziekenhuis");
        long second = api().request(anna, "LIFT", "Naar de huisarts");
        long withOffer = id(api().post("/api/matches", bram, new HashMap<>(Map.of("requestId", first, "offerId", offer))));
        long withoutOffer = id(propose(bram, second, null));

        api().post("/api/offers/" + offer + "/withdraw", bram, Map.of());

        assertThat(match(withOffer, anna)).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "HELPER")
                .containsEntry("endReason", "offer withdrawn");
        assertThat(match(withoutOffer, anna)).containsEntry("status", "PROPOSED");
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND participant_id = "
                + anna.participantId() + " AND kind = 'MATCH_CANCELLED'", withOffer)).isEqualTo(1);
        assertThat(requestStatus(first, anna)).isEqualTo("OPEN");
    }

    @Test
    void aRequestMadeOneOffWhileProposalsWaitTakesOneHelper() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long request = recurringRequest(anna, "DOG_WALKING", "Hond uitlaten op dinsdag");
        long toBram = id(propose(anna, request, bram.participantId()));
        long toCarla = id(propose(anna, request, carla.participantId()));
        assertThat(match(toBram, anna).get("oneOff")).isEqualTo(false);
        // Anna changes her request while both wait: once, on 1 December. The proposals were made for a
        // recurring request, and end with the change (before, both could be accepted: two helpers for
        // one time); Bram and Carla offer themselves again, for the request as it is now.
        api().put("/api/requests/" + request, anna, Fixtures.oneOff("DOG_WALKING", "Hond uitlaten, één keer"));
        for (long ended : List.of(toBram, toCarla)) {
            assertThat(match(ended, anna)).containsEntry("status", "CANCELLED").containsEntry("endReason", "request changed: schedule");
        }
        assertRule(api().fails(() -> act(toBram, "accept", bram)).isProblem(409), "status", "illegal-transition");
        assertRule(api().fails(() -> act(toCarla, "accept", carla)).isProblem(409), "status", "illegal-transition");
        long fromBram = id(propose(bram, request, null));
        long fromCarla = id(propose(carla, request, null));
        assertThat(act(fromBram, "accept", anna)).containsEntry("status", "ACTIVE").containsEntry("oneOff", true);
        assertThat(match(fromCarla, anna)).containsEntry("status", "CANCELLED").containsEntry("endReason", "matched with another helper");
        assertRule(api().fails(() -> act(fromCarla, "accept", anna)).isProblem(409), "request", "request-already-matched");
        assertThat(count("SELECT count(*) FROM match WHERE request_id = ? AND status = 'ACTIVE'", request)).isEqualTo(1);
    }

    @Test
    void aRecurringRequestWhoseHelperCompletesWhileAnotherIsAskedStaysOpenAndIsPlannedAgain() {
        // A corner of its own, somewhere on earth, so that the plan's area holds this test's request only
        // (a fixed corner would also hold what earlier runs on a kept database left there).
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        double lat = random.nextDouble(-50, 50), lon = random.nextDouble(-170, 170);
        Person anna = api().residentAt("Anna", lat, lon);
        Person bram = api().residentAt("Bram", lat + 0.002, lon);
        Person carla = api().residentAt("Carla", lat + 0.003, lon);
        Person dirk = api().residentAt("Dirk", lat + 0.001, lon);
        db.update("UPDATE participant SET skills = '{SHOPPING}' WHERE id = ?", ps -> ps.setLong(1, dirk.participantId()));
        Person makelaar = api().staff("MAKELAAR");
        long request = recurringRequest(anna, "SHOPPING", "Wekelijks boodschappen");
        long withBram = id(propose(anna, request, bram.participantId()));
        act(withBram, "accept", bram);
        long toCarla = id(propose(anna, request, carla.participantId()));

        // Bram stops; Anna's question to Carla still stands, so the request is open, not closed.
        act(withBram, "complete", bram);
        assertThat(requestStatus(request, anna)).isEqualTo("OPEN");
        String plan = "/api/matching/plan?lat=" + lat + "&lon=" + lon + "&radius=600";
        assertThat(((List<Map<String, Object>>) (List<?>) api().get(plan, makelaar).get("awaitingAnswer")))
                .extracting(r -> Fixtures.number(r.get("requestId"))).containsExactly(request);
        act(toCarla, "decline", carla);

        // Without an answer waiting, the plan takes it as any waiting request (before, a completed match
        // kept it out of the plan and out of volunteers' suggestions for good).
        Map<String, Object> planned = api().get(plan, makelaar);
        assertThat(((List<Map<String, Object>>) (List<?>) planned.get("suggestions")))
                .extracting(r -> Fixtures.number(r.get("requestId")), r -> Fixtures.number(r.get("helperId")))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(request, dirk.participantId()));
        assertThat(((List<Map<String, Object>>) api().get("/api/me/suggested-requests", dirk).get("requests")))
                .extracting(r -> Fixtures.number(r.get("requestId"))).contains(request);

        // Made one-off now, it takes one helper: Bram's completed match of its recurring past does not count.
        api().put("/api/requests/" + request, anna, Fixtures.oneOff("SHOPPING", "Nog één keer boodschappen"));
        long fromDirk = id(propose(dirk, request, null));
        assertThat(act(fromDirk, "accept", anna)).containsEntry("status", "ACTIVE").containsEntry("oneOff", true);
        assertThat(requestStatus(request, anna)).isEqualTo("MATCHED");
        assertThat(act(fromDirk, "complete", dirk)).containsEntry("status", "COMPLETED");
        assertThat(requestStatus(request, anna)).as("nothing waits: done").isEqualTo("CLOSED");
    }

    @Test
    void aOneOffRequestHasOneAcceptedMatchButARecurringOneMayHaveMore() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        long oneOff = api().request(anna, "SHOPPING", "Eenmalig boodschappen");
        long first = id(propose(anna, oneOff, bram.participantId()));
        long second = id(propose(anna, oneOff, carla.participantId()));
        Person makelaar = api().staff("MAKELAAR");
        Person dirk = api().residentAt("Dirk", LAT + 0.004, LON);
        long third = id(api().post("/api/matches", makelaar, new HashMap<>(Map.of("requestId", oneOff, "helperId", dirk.participantId()))));
        act(first, "accept", bram);
        // The other proposals end with the acceptance, and their helpers hear someone else helps.
        for (long other : new long[] {second, third}) {
            assertThat(match(other, anna)).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "HELPER")
                    .containsEntry("endReason", "matched with another helper");
            assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                    + anna.participantId(), other)).as("the requester knows already").isZero();
        }
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                + carla.participantId() + " AND subject LIKE 'Al geholpen: %'", second)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                + dirk.participantId(), third)).isEqualTo(1);
        assertThat((List<Object>) match(second, carla).get("actions")).doesNotContain("accept");
        assertRule(api().fails(() -> act(second, "accept", carla)).isProblem(409), "request", "request-already-matched");
        // Once the first is cancelled the request is open again, for new proposals.
        act(first, "cancel", anna, Map.of("reason", "Bram is ziek"));
        assertThat(requestStatus(oneOff, anna)).isEqualTo("OPEN");
        assertThat(act(id(propose(anna, oneOff, carla.participantId())), "accept", carla).get("status")).isEqualTo("ACTIVE");

        long recurring = recurringRequest(anna, "DOG_WALKING", "Hond uitlaten op dinsdag");
        long r1 = id(propose(anna, recurring, bram.participantId()));
        long r2 = id(propose(anna, recurring, carla.participantId()));
        assertThat(match(r1, anna).get("oneOff")).isEqualTo(false);
        act(r1, "accept", bram);
        assertThat(act(r2, "accept", carla).get("status")).isEqualTo("ACTIVE");
        act(r1, "complete", anna);
        // One of two is done: the request stays matched while the other runs.
        assertThat(requestStatus(recurring, anna)).isEqualTo("MATCHED");
        act(r2, "complete", anna);
        assertThat(requestStatus(recurring, anna)).isEqualTo("CLOSED");

        // A running recurring request takes a second helper later on: the requester or a makelaar invites one.
        long weekly = recurringRequest(anna, "DOG_WALKING", "Hond uitlaten op donderdag");
        act(id(propose(anna, weekly, bram.participantId())), "accept", bram);
        assertThat(requestStatus(weekly, anna)).isEqualTo("MATCHED");
        assertThat(api().get("/api/requests/" + weekly + "/helpers", makelaar)).as("still ranked, for a second helper")
                .containsKey("candidates");
        // Bram is not in that ranking, and "why not Bram?" says, among the rest, that he helps already.
        Map<String, Object> bramStands = api().get("/api/requests/" + weekly + "/helpers/" + bram.participantId(), makelaar);
        assertThat(((List<?>) bramStands.get("reasons")).stream().map(r -> (Object) ((Map<?, ?>) r).get("code")))
                .contains("HELPING");
        long later = id(propose(anna, weekly, carla.participantId()));
        assertThat(act(later, "accept", carla).get("status")).isEqualTo("ACTIVE");
        assertThat(count("SELECT count(*) FROM match WHERE request_id = ? AND status = 'ACTIVE'", weekly)).isEqualTo(2);
        // Not so a matched one-off request.
        long once = api().request(anna, "SHOPPING", "Nog eens boodschappen");
        act(id(propose(anna, once, bram.participantId())), "accept", bram);
        assertRule(api().fails(() -> propose(anna, once, carla.participantId())).isProblem(409), "requestId", "request-not-open");
    }

    @Test
    void disablingAnAccountEndsItsMatchesAndNobodyShutOutIsMatched() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person carla = api().residentAt("Carla", LAT + 0.003, LON);
        Person makelaar = api().staff("MAKELAAR");
        long first = api().request(anna, "SHOPPING", "Boodschappen");
        long second = api().request(anna, "LIFT", "Naar de huisarts");
        long running = id(propose(anna, first, bram.participantId()));
        act(running, "accept", bram);
        long pending = id(propose(anna, second, carla.participantId()));

        // A coordinator disables Bram's account: his running match ends, and Anna hears it in plain words.
        api().post("/api/accounts/" + bram.accountId() + "/disable", api().coordinator(), Map.of());
        assertThat(match(running, anna)).containsEntry("status", "CANCELLED").containsEntry("endedBySide", "MAKELAAR")
                .containsEntry("endReason", "no longer taking part").containsEntry("contactShared", false);
        assertThat(requestStatus(first, anna)).isEqualTo("OPEN");
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                + anna.participantId(), running)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                + bram.participantId(), running)).isZero();
        assertThat(match(pending, anna)).as("a match without him").containsEntry("status", "PROPOSED");
        // Nobody can propose him now, and the refusal says nothing about why.
        var refusal = api().fails(() -> propose(makelaar, first, bram.participantId()));
        assertRule(refusal.isProblem(422), "helperId", "helper-not-active");
        assertThat(String.valueOf(refusal.problem())).doesNotContain("disabled").doesNotContain("SUSPENDED");

        // Anna's account is disabled: the proposal for her request ends, and her requests take no new ones.
        api().post("/api/accounts/" + anna.accountId() + "/disable", api().coordinator(), Map.of());
        assertThat(match(pending, carla)).containsEntry("status", "CANCELLED").containsEntry("endReason", "no longer taking part");
        assertRule(api().fails(() -> propose(makelaar, second, carla.participantId())).isProblem(409), "requestId", "requester-not-active");
        // A neighbour offering themself finds the request gone, as one no longer open: not why.
        var gone = api().fails(() -> propose(carla, second, null));
        gone.isProblem(404);
        assertThat(String.valueOf(gone.problem())).doesNotContain("not-active").doesNotContain("disabled");
        // Enabling her again does not bring the matches back, but she can be matched again.
        api().post("/api/accounts/" + anna.accountId() + "/enable", api().coordinator(), Map.of());
        assertThat(match(pending, makelaar)).containsEntry("status", "CANCELLED");
        assertThat(propose(makelaar, second, carla.participantId()).get("status")).isEqualTo("PROPOSED");
    }

    @Test
    void onlyAMakelaarEndsAMatchOnSomeonesBehalf() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long match = id(propose(anna, api().request(anna, "SHOPPING", "Boodschappen"), bram.participantId()));
        act(match, "accept", bram);
        api().fails(() -> act(match, "cancel", anna, Map.of("reason", "Niet meer nodig", "onBehalfOf", "REQUESTER")))
                .isProblem(400).names("onBehalfOf", "StaffOnly");
        Person makelaar = api().staff("MAKELAAR");
        api().fails(() -> act(match, "cancel", makelaar, Map.of("reason", "Gebeld", "onBehalfOf", "MAKELAAR")))
                .isProblem(400).names("onBehalfOf", "Pattern");
        assertThat(match(match, anna)).containsEntry("status", "ACTIVE");
        assertThat(act(match, "cancel", makelaar, Map.of("reason", "Anna belde: niet meer nodig", "onBehalfOf", "REQUESTER")))
                .containsEntry("status", "CANCELLED").containsEntry("endedBySide", "MAKELAAR").containsEntry("endedForSide", "REQUESTER");
        assertThat(match(match, bram)).containsEntry("endedForSide", "REQUESTER");
    }

    @Test
    void aSuspendedRequesterNoLongerSeesTheirNeighboursRanked() {
        Person anna = api().residentAt("Anna", LAT, LON);
        api().residentAt("Bram", LAT + 0.002, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        String helpers = "/api/requests/" + request + "/helpers";
        assertThat(api().get(helpers, anna)).containsKey("candidates");
        Person makelaar = api().staff("MAKELAAR");
        String path = "/api/participants/" + anna.participantId();
        api().post(path + "/suspend", makelaar, Map.of("reason", "Klacht"));
        // She cannot propose, so her neighbours' names and distances are not hers to see; the makelaar's are.
        assertRule(api().fails(() -> api().get(helpers, anna)).isProblem(409), "requestId", "requester-not-active");
        assertThat(api().get(helpers, makelaar)).containsKey("candidates");
        api().post(path + "/reinstate", makelaar, Map.of());
        assertThat(api().get(helpers, anna)).containsKey("candidates");
    }

    @Test
    void aMakelaarSuspendsSomeoneWithoutAnAccountAndTheirMatchesEndUntilReinstated() {
        Person anna = api().residentAt("Anna", LAT, LON);
        long henk = offlineParticipant("Henk zonder computer");
        db.update("UPDATE participant SET home_place = CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography), "
                + "skills = '{SHOPPING}' WHERE id = ?", ps -> {
                    ps.setDouble(1, LON);
                    ps.setDouble(2, LAT + 0.002);
                    ps.setLong(3, henk);
                });
        assertThat(count("SELECT count(*) FROM helper_lane WHERE participant_id = ?", henk)).isEqualTo(1);
        Person makelaar = api().staff("MAKELAAR");
        long first = api().request(anna, "SHOPPING", "Boodschappen");
        long second = api().request(anna, "LIFT", "Naar de huisarts");
        long running = id(api().post("/api/matches", makelaar, new HashMap<>(Map.of("requestId", first, "helperId", henk))));
        act(running, "accept", makelaar);
        long pending = id(api().post("/api/matches", makelaar, new HashMap<>(Map.of("requestId", second, "helperId", henk))));

        String path = "/api/participants/" + henk;
        api().fails(() -> api().post(path + "/suspend", null, Map.of("reason", "Klacht"))).isProblem(401);
        api().fails(() -> api().post(path + "/suspend", anna, Map.of("reason", "Klacht"))).isProblem(403);
        api().fails(() -> api().get(path + "/status", anna)).isProblem(403);
        api().fails(() -> api().post(path + "/suspend", makelaar, Map.of())).isProblem(400).names("reason", "NotBlank");
        api().fails(() -> api().post(path + "/suspend", makelaar, Map.of("reason", "x".repeat(501)))).isProblem(400)
                .names("reason", "Size");
        api().fails(() -> api().post("/api/participants/999999999/suspend", makelaar, Map.of("reason", "Klacht")))
                .isProblem(404);

        Map<String, Object> suspended = api().post(path + "/suspend", makelaar, Map.of("reason", "Klacht na een bezoek"));
        assertThat(suspended).containsEntry("status", "SUSPENDED").containsEntry("reason", "Klacht na een bezoek")
                .containsKey("changedAt");
        for (long m : new long[] {running, pending}) {
            assertThat(match(m, anna)).containsEntry("status", "CANCELLED").containsEntry("endReason", "no longer taking part")
                    .containsEntry("endedBySide", "MAKELAAR");
        }
        assertThat(requestStatus(first, anna)).isEqualTo("OPEN");
        assertThat(count("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'MATCH_CANCELLED' AND participant_id = "
                + anna.participantId(), running)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM helper_lane WHERE participant_id = ?", henk)).as("out of every ranking").isZero();
        assertRule(api().fails(() -> api().post("/api/matches", makelaar,
                new HashMap<>(Map.of("requestId", first, "helperId", henk)))).isProblem(422), "helperId", "helper-not-active");
        // Suspending again keeps the first suspension.
        assertThat(api().post(path + "/suspend", makelaar, Map.of("reason", "Nog eens"))).containsEntry("reason", "Klacht na een bezoek");

        // Someone with an account finds it in their own file.
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        api().post("/api/participants/" + bram.participantId() + "/suspend", makelaar, Map.of("reason", "Even pauze"));
        assertThat((Map<Object, Object>) api().get("/api/me/export", bram).get("participation"))
                .containsEntry("status", "SUSPENDED").containsEntry("reason", "Even pauze");

        Map<String, Object> back = api().post(path + "/reinstate", api().coordinator(), Map.of());
        assertThat(back).containsEntry("status", "ACTIVE").doesNotContainKey("reason");
        assertThat(match(running, anna)).as("ended matches stay ended").containsEntry("status", "CANCELLED");
        assertThat(api().post("/api/matches", makelaar, new HashMap<>(Map.of("requestId", first, "helperId", henk))).get("status"))
                .isEqualTo("PROPOSED");
    }

    @Test
    void aProposalIsNotAcceptedWhenEitherSideCanNoLongerBeMatched() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        long id = id(propose(anna, request, bram.participantId()));
        setParticipant(bram.participantId(), "status", "SUSPENDED");
        assertRule(api().fails(() -> act(id, "accept", bram)).isProblem(409), "helper", "helper-not-active");
        setParticipant(bram.participantId(), "status", "ACTIVE");
        setParticipant(anna.participantId(), "status", "SUSPENDED");
        assertRule(api().fails(() -> act(id, "accept", bram)).isProblem(409), "requester", "requester-not-active");
        setParticipant(anna.participantId(), "status", "ACTIVE");
        assertThat(act(id, "accept", bram).get("status")).isEqualTo("ACTIVE");
    }

    @Test
    void aRequesterInvitesNeighboursWithinReachAndAMakelaarAnyone() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person near = api().residentAt("Dichtbij", LAT + 0.002, LON);
        Person far = api().residentAt("Ver weg", LAT + 0.2, LON);                  // 22 km north
        long homeless = offlineParticipant("Zonder adres");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        for (long id : new long[] {far.participantId(), homeless}) {
            var refusal = api().fails(() -> propose(anna, request, id));
            assertRule(refusal.isProblem(422), "helperId", "out-of-reach");
            assertThat(String.valueOf(refusal.problem())).doesNotContain("km").doesNotContain("radius");
        }
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ?", far.participantId()))
                .as("nobody far away is sent anything").isZero();
        assertThat(propose(anna, request, near.participantId()).get("status")).isEqualTo("PROPOSED");
        // A makelaar brokers whoever they judge right.
        Person makelaar = api().staff("MAKELAAR");
        assertThat(api().post("/api/matches", makelaar, new HashMap<>(Map.of("requestId", request, "helperId", homeless))).get("status"))
                .isEqualTo("PROPOSED");
    }

    @Test
    void aHelperAtCapacityCannotAcceptAnother() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        setParticipant(bram.participantId(), "capacity", 1);
        long a = id(propose(anna, api().request(anna, "SHOPPING", "Eerste"), bram.participantId()));
        long b = id(propose(anna, api().request(anna, "SHOPPING", "Tweede"), bram.participantId()));
        act(a, "accept", bram);
        assertRule(api().fails(() -> act(b, "accept", bram)).isProblem(409), "helper", "helper-at-capacity");
        act(a, "complete", bram);
        assertThat(act(b, "accept", bram).get("status")).isEqualTo("ACTIVE");

        // Bram offers himself to two more requesters; when the one who answers second accepts, he is
        // full again, and that requester is not told how much he carries (makelaars are).
        act(b, "complete", bram);
        Person carla = api().residentAt("Carla", LAT + 0.001, LON);
        long c = id(propose(bram, api().request(anna, "SHOPPING", "Derde"), null));
        long d = id(propose(bram, api().request(carla, "SHOPPING", "Vierde"), null));
        act(d, "accept", carla);
        var refusal = api().fails(() -> act(c, "accept", anna));
        assertRule(refusal.isProblem(409), "helper", "helper-at-capacity");
        assertThat(refusal.problem().get("detail")).isEqualTo("The helper cannot take this on now");
        assertThat(String.valueOf(refusal.problem())).doesNotContain("running");
        assertThat(String.valueOf(api().fails(() -> act(c, "accept", api().staff("MAKELAAR"))).problem())).contains("1 running");
    }

    @Test
    void myMatchesListsMineByRoleAndStatus() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        long bramsRequest = api().request(bram, "GARDEN", "Gras maaien");
        long asRequester = id(propose(anna, request, bram.participantId()));
        long asHelper = id(propose(anna, bramsRequest, null));

        List<?> mine = api().getItems("/api/me/matches", anna);
        assertThat(mine).extracting(m -> Fixtures.number(((Map<?, ?>) m).get("id"))).containsExactly(asHelper, asRequester);
        List<?> asReq = api().getItems("/api/me/matches?role=requester", anna);
        assertThat(asReq).hasSize(1);
        Map<?, ?> line = (Map<?, ?>) asReq.get(0);
        assertThat(line.get("counterpartName")).isEqualTo("Bram");
        assertThat(line.get("awaitingYou")).isEqualTo(false);
        assertThat(line.get("requestStatus")).isEqualTo("OPEN");
        Map<?, ?> bramsLine = (Map<?, ?>) api().getItems("/api/me/matches?role=helper", bram).get(0);
        assertThat(bramsLine.get("awaitingYou")).isEqualTo(true);
        assertThat(api().getItems("/api/me/matches?role=helper", anna)).hasSize(1);
        act(asRequester, "accept", bram);
        assertThat(api().getItems("/api/me/matches?status=ACTIVE", anna)).hasSize(1);
        assertThat(api().getItems("/api/me/matches?status=PROPOSED,ACTIVE", anna)).hasSize(2);
        assertThat(api().getItems("/api/me/matches?status=COMPLETED", anna)).isEmpty();
        api().fails(() -> api().getItems("/api/me/matches?role=boss", anna)).isProblem(400).names("role", "OneOf");
        api().fails(() -> api().getItems("/api/me/matches?status=DONE", anna)).isProblem(400).names("status", "OneOf");
    }
}
