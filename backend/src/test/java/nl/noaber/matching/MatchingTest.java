package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/**
 * The matching service over HTTP against PostGIS: ranking with reasons, the exclusions, the other
 * directions (a volunteer's fitting requests, reciprocity at the moment of asking), the city-wide
 * suggestion on a case worked out by hand, and who may call what.
 */
@MicronautTest(environments = "test", transactional = false)
class MatchingTest extends IntegrationTest {
    @Inject
    Db db;
    @Inject
    nl.noaber.notify.FollowUps followUps;
    @Inject
    nl.noaber.geo.PlaceGrid grid;

    final Random random = new Random();
    double baseLat;
    double baseLon;

    /** A quiet area of its own for every test, anywhere on earth (borders do not block, so no neighbourhood is needed). */
    @BeforeEach
    void freshArea() {
        baseLat = -50 + random.nextDouble() * 100;
        baseLon = -170 + random.nextDouble() * 340;
    }

    /** A resident north and east of the base by the given metres, with a profile. */
    Person at(String name, double north, double east, List<String> skills, int travel, List<String> languages,
              List<String> availability) {
        Person p = api().residentAt(name, Places.offset(baseLat, baseLon, north, east));
        Map<String, Object> profile = new HashMap<>();
        profile.put("displayName", name);
        profile.put("skills", skills);
        profile.put("languages", languages);
        profile.put("availability", availability);
        profile.put("travelRadiusMetres", travel);
        profile.put("preferredLanguage", "nl");
        api().put("/api/me/profile", p, profile);
        return p;
    }

    /** Sets how many running matches a participant takes on, through their profile. */
    void capacity(Person p, int n) {
        Map<String, Object> profile = new HashMap<>(api().get("/api/me/profile", p));
        profile.put("capacity", n);
        api().put("/api/me/profile", p, profile);
        assertThat(((Number) api().get("/api/me/profile", p).get("capacity")).intValue()).isEqualTo(n);
    }

    Person helper(String name, double north, double east, String skill) {
        return at(name, north, east, List.of(skill), 5000, List.of(), List.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> candidates(Map<String, Object> ranking) {
        return (List<Map<String, Object>>) ranking.get("candidates");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> requests(Map<String, Object> suggestions) {
        return (List<Map<String, Object>>) suggestions.get("requests");
    }

    static List<Long> ids(List<Map<String, Object>> items, String key) {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> m : items) {
            out.add(Fixtures.number(m.get(key)));
        }
        return out;
    }

    @Test
    void helpersAreRankedNearestAndBestFittingFirstWithReasonsInBothLanguages() {
        Person requester = at("Vrager", 0, 0, List.of("SHOPPING"), 2000, List.of("nl"), List.of());
        long request = api().request(requester, "SHOPPING", "Boodschappen halen");  // Tuesday 1 Dec, 10–12
        Person a = at("Anna", 300, 0, List.of("SHOPPING"), 5000, List.of("nl"), List.of("TUE_MORNING"));
        Person b = at("Bert", 0, 1000, List.of(), 5000, List.of(), List.of());
        api().offer(b, "SHOPPING", "Ik doe boodschappen");
        Person c = helper("Cor", -2000, 0, "SHOPPING");
        helper("Dirk", 0, -800, "GARDEN");                                       // another skill
        at("Els", -1500, 0, List.of("SHOPPING"), 100, List.of(), List.of());       // her own radius is 100 m
        helper("Frits", 12_000, 0, "SHOPPING");                                    // beyond the search radius

        Map<String, Object> ranking = api().get("/api/requests/" + request + "/helpers", requester);
        List<Map<String, Object>> list = candidates(ranking);
        assertThat(ids(list, "participantId")).containsExactly(a.participantId(), b.participantId(), c.participantId());
        assertThat(ids(list, "participantId")).doesNotContain(requester.participantId());

        Map<String, Object> anna = list.get(0);
        assertThat((String) anna.get("explanationEn")).contains("m away; has ‘Shopping for someone’ in their profile; free on Tuesday morning; speaks Dutch");
        assertThat((String) anna.get("explanationNl")).contains("m afstand; heeft ‘Boodschappen doen’ in het profiel; vrij op dinsdagochtend; spreekt Nederlands");
        // Another resident's load and reliability are not the requester's business: staff only.
        assertThat((List<?>) anna.get("components")).hasSize(5);
        assertThat((String) anna.get("explanationEn")).doesNotContain("running matches").doesNotContain("declines");
        assertThat((String) anna.get("explanationNl")).doesNotContain("lopende matches").doesNotContain("afgezegd");
        assertThat((String) list.get(1).get("explanationEn")).contains("offers ‘Shopping for someone’");
        assertThat(list.get(1).get("offerId")).isNotNull();
        double annaScore = ((Number) anna.get("score")).doubleValue();
        assertThat(annaScore).isBetween(0.0, 100.0).isGreaterThan(((Number) list.get(1).get("score")).doubleValue());

        // A resident sees distances from the helper's grid cell, rounded to 100 m; nothing of a home.
        for (Map<String, Object> m : list) {
            int d = ((Number) m.get("distanceMetres")).intValue();
            assertThat(d % 100).isZero();
        }
        assertThat(Math.abs(((Number) anna.get("distanceMetres")).intValue() - 300)).isLessThanOrEqualTo(400);
        String raw = api().getRaw("/api/requests/" + request + "/helpers", requester);
        assertThat(raw).doesNotContain("\"lat\"").doesNotContain("\"lon\"").doesNotContain("phone").doesNotContain("@test.noaber.nl");

        // A makelaar sees the same ranking with distances to 10 m.
        Person makelaar = api().staff("MAKELAAR");
        List<Map<String, Object>> staffView = candidates(api().get("/api/requests/" + request + "/helpers?limit=2", makelaar));
        assertThat(ids(staffView, "participantId")).containsExactly(a.participantId(), b.participantId());
        assertThat(((Number) staffView.get(0).get("distanceMetres")).intValue()).isBetween(290, 310);
        assertThat((List<?>) staffView.get(0).get("components")).hasSize(7);
        assertThat((String) staffView.get(0).get("explanationEn")).contains("no running matches; no declines or cancellations");
        assertThat(((Number) staffView.get(0).get("score")).doubleValue()).isPositive();
    }

    @Test
    void theRequesterCannotReadAHelpersExactDistanceFromTheScore() {
        Person requester = at("Vrager", 0, 0, List.of(), 2000, List.of("nl"), List.of());
        long request = api().request(requester, "SHOPPING", "Boodschappen halen");
        Person anna = at("Anna", 700, 300, List.of("SHOPPING"), 5000, List.of("nl"), List.of("TUE_MORNING"));
        Person makelaar = api().staff("MAKELAAR");
        String path = "/api/requests/" + request + "/helpers";
        Map<String, Object> resident = candidates(api().get(path, requester)).get(0);
        Map<String, Object> staff = candidates(api().get(path, makelaar)).get(0);

        // Anna moves 60 m within her privacy-grid cell (a requester can move their request's exact place
        // at will, so every number derived from the exact distance would draw a circle around her home).
        Point home = Places.offset(baseLat, baseLon, 700, 300);
        double lat = Places.lat(home), lon = Places.lon(home);
        Point cell = grid.coarsen(home);
        double moved = lat;
        for (double step : new double[] {60, -60}) {
            Point candidate = Places.offset(home, step, 0);
            if (grid.coarsen(candidate).equals(cell)) {
                moved = Places.lat(candidate);
                break;
            }
        }
        assertThat(moved).as("a move of 60 m within the cell").isNotEqualTo(lat);
        api().put("/api/me/home", anna, Map.of("lat", moved, "lon", lon));

        Map<String, Object> staffAfter = candidates(api().get(path, makelaar)).get(0);
        assertThat(staffAfter.get("distanceMetres")).isNotEqualTo(staff.get("distanceMetres"));
        assertThat(staffAfter.get("score")).isNotEqualTo(staff.get("score"));
        // The requester's view, every number and word of it, is what it was.
        assertThat(candidates(api().get(path, requester)).get(0)).isEqualTo(resident);
    }

    /** A request with one ordinary helper and one of each kind the ranking leaves out. */
    record Excluded(Person requester, long request, Person ok, Person suspended, Person blocksRequester,
                    Person blockedByRequester, Person declined, Person full, Person disabled, Person erased) {}

    Excluded excluded() {
        Person requester = at("Vraagster", 0, 0, List.of(), 2000, List.of(), List.of());
        long request = api().request(requester, "SHOPPING", "Boodschappen");
        Person ok = helper("Gewoon", 500, 0, "SHOPPING");
        Person suspended = helper("Geschorst", 0, 500, "SHOPPING");
        Person blocksRequester = helper("Blokkeert", -500, 0, "SHOPPING");
        Person blockedByRequester = helper("Geblokkeerd", 0, -500, "SHOPPING");
        Person declined = helper("Afgewezen", 400, 400, "SHOPPING");
        Person full = helper("Vol", -400, 400, "SHOPPING");
        Person disabled = helper("Uitgezet", 400, -400, "SHOPPING");
        Person erased = helper("Gewist", -400, -400, "SHOPPING");
        Person other = at("Ander", 3000, 3000, List.of(), 2000, List.of(), List.of());
        long otherRequest = api().request(other, "SHOPPING", "Iets anders");

        db.update("UPDATE participant SET status = 'SUSPENDED' WHERE id = ?", ps -> ps.setLong(1, suspended.participantId()));
        db.update("INSERT INTO participant_block (blocker_id, blocked_id) VALUES (?, ?), (?, ?)", ps -> {
            ps.setLong(1, blocksRequester.participantId());
            ps.setLong(2, requester.participantId());
            ps.setLong(3, requester.participantId());
            ps.setLong(4, blockedByRequester.participantId());
        });
        insertMatch(request, requester, declined, "DECLINED");
        db.update("UPDATE participant SET capacity = 1 WHERE id = ?", ps -> ps.setLong(1, full.participantId()));
        insertMatch(otherRequest, other, full, "ACTIVE");
        api().post("/api/accounts/" + disabled.accountId() + "/disable", api().coordinator(), Map.of());
        assertThat(api().exchange(io.micronaut.http.HttpRequest.POST("/api/me/erase", Map.of("password", Fixtures.PASSWORD)),
                erased).getStatus().getCode()).isEqualTo(204);
        return new Excluded(requester, request, ok, suspended, blocksRequester, blockedByRequester, declined, full, disabled,
                erased);
    }

    @Test
    void theExcludedNeverAppear() {
        Excluded x = excluded();
        Person makelaar = api().staff("MAKELAAR");
        List<Map<String, Object>> list = candidates(api().get("/api/requests/" + x.request() + "/helpers", makelaar));
        assertThat(ids(list, "participantId")).containsExactly(x.ok().participantId());
    }

    /**
     * An organisation (a volunteer centre, a wijkservice: a participant of kind ORGANISATION without an
     * account) is a helper like anyone: ranked with its kind, suggested by the plan up to its capacity,
     * brokered by a makelaar, and its phone shown to the requester only once the match is accepted.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anOrganisationIsRankedPlannedAndBrokeredAsAHelper() {
        Person anna = at("Anna Vraagt", 0, 0, List.of(), 2000, List.of(), List.of());
        Person bert = at("Bert Vraagt", 0, 200, List.of(), 2000, List.of(), List.of());
        Person cees = at("Cees Vraagt", 0, -200, List.of(), 2000, List.of(), List.of());
        double lat = Places.lat(Places.offset(baseLat, baseLon, 800, 0));
        long org = db.one("""
                INSERT INTO participant (kind, display_name, home_place, skills, languages, travel_radius_m, phone,
                                         contact_channels, capacity)
                VALUES ('ORGANISATION', 'Wijkservice Test', CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography),
                        '{ODD_JOBS}', '{nl}', 5000, '023 543 10 10', '{PHONE}', 2)
                RETURNING id""", ps -> {
                    ps.setDouble(1, baseLon);
                    ps.setDouble(2, lat);
                }, rs -> rs.getLong(1)).orElseThrow();
        long request = api().request(anna, "ODD_JOBS", "Schilderij ophangen");
        long second = api().request(bert, "ODD_JOBS", "Kast ophangen");
        long third = api().request(cees, "ODD_JOBS", "Plank ophangen");
        Person makelaar = api().staff("MAKELAAR");

        // The ranking, for the requester and the makelaar: the organisation with its kind, no contact.
        for (Person who : List.of(anna, makelaar)) {
            Map<String, Object> first = candidates(api().get("/api/requests/" + request + "/helpers", who)).get(0);
            assertThat(Fixtures.number(first.get("participantId"))).isEqualTo(org);
            assertThat(first).containsEntry("kind", "ORGANISATION").containsEntry("displayName", "Wijkservice Test");
            assertThat(first.toString()).doesNotContain("543 10 10");
        }
        // The plan: two of the three requests, as far as its capacity of two goes.
        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1500",
                makelaar);
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) plan.get("suggestions");
        assertThat(suggestions).hasSize(2).allSatisfy(x -> assertThat(Fixtures.number(x.get("helperId"))).isEqualTo(org));
        assertThat(ids(suggestions, "requestId")).isSubsetOf(request, second, third);
        assertThat(((List<?>) plan.get("unmatched"))).hasSize(1);

        // Brokered, answered through the makelaar; the requester sees its phone only after that.
        long match = Fixtures.number(api().post("/api/matches", makelaar, Map.of("requestId", request, "helperId", org))
                .get("id"));
        Map<String, Object> helper = (Map<String, Object>) api().get("/api/matches/" + match, anna).get("helper");
        assertThat(helper).containsEntry("kind", "ORGANISATION").containsEntry("offline", true);
        assertThat(helper.get("contact")).isNull();
        api().post("/api/matches/" + match + "/accept", makelaar, Map.of());
        helper = (Map<String, Object>) api().get("/api/matches/" + match, anna).get("helper");
        assertThat((Map<String, Object>) helper.get("contact")).containsEntry("phone", "023 543 10 10");
    }

    /**
     * The city-wide plan leaves out the same helpers: with the one ordinary helper there it suggests
     * them; once that helper is disabled too, the request stays unmatched with nobody to pass over.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCityWidePlanTakesNoneOfTheExcluded() {
        Excluded x = excluded();
        Person makelaar = api().staff("MAKELAAR");
        String path = "/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1500";
        Map<String, Object> plan = api().get(path, makelaar);
        assertThat(Fixtures.number(suggestionFor(plan, x.request()).get("helperId"))).isEqualTo(x.ok().participantId());

        api().post("/api/accounts/" + x.ok().accountId() + "/disable", api().coordinator(), Map.of());
        plan = api().get(path, makelaar);
        assertThat(ids((List<Map<String, Object>>) plan.get("suggestions"), "requestId")).doesNotContain(x.request());
        List<Map<String, Object>> unmatched = (List<Map<String, Object>>) plan.get("unmatched");
        assertThat(unmatched).filteredOn(u -> Fixtures.number(u.get("requestId")) == x.request()).singleElement()
                .satisfies(u -> assertThat((Map<String, Object>) u.get("reason")).containsEntry("code", "NO_CANDIDATES"));
    }

    @Test
    void thePlanLeavesOutRequestsOfPeopleWhoCannotBeMatched() {
        Person asks = at("Vraagt", 0, 0, List.of(), 2000, List.of(), List.of());
        Person disabled = at("Uitgezet", 100, 0, List.of(), 2000, List.of(), List.of());
        Person suspended = at("Geschorst", 0, 100, List.of(), 2000, List.of(), List.of());
        long ok = api().request(asks, "SHOPPING", "Boodschappen");
        api().request(disabled, "SHOPPING", "Boodschappen ook");
        api().request(suspended, "SHOPPING", "Boodschappen eveneens");
        helper("Helpt", 300, 0, "SHOPPING");
        api().post("/api/accounts/" + disabled.accountId() + "/disable", api().coordinator(), Map.of());
        db.update("UPDATE participant SET status = 'SUSPENDED' WHERE id = ?", ps -> ps.setLong(1, suspended.participantId()));
        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1000",
                api().staff("MAKELAAR"));
        assertThat(((Number) plan.get("waitingRequests")).intValue()).isEqualTo(1);
        assertThat(suggestionFor(plan, ok)).isNotNull();
    }

    void insertMatch(long request, Person requester, Person helper, String status) {
        MatchRows.insert(db, request, requester, helper, status, true, 0);
    }

    @Test
    void aVolunteerSeesFittingRequestsNearbyAndTheAskerSeesWhatTheyCouldDoInReturn() {
        Person volunteer = at("Vrijwilliger", 0, 0, List.of("GARDEN"), 3000, List.of("nl"), List.of("TUE_MORNING"));
        Person n1 = at("Buur een", 500, 0, List.of(), 2000, List.of("nl"), List.of());
        Person n2 = at("Buur twee", 0, 1000, List.of(), 2000, List.of(), List.of());
        Person n3 = at("Ver weg", 6000, 0, List.of(), 2000, List.of(), List.of());
        Person n4 = at("Andere vraag", -500, 0, List.of(), 2000, List.of(), List.of());
        long r1 = api().request(n1, "GARDEN", "Heg knippen");
        long r2 = api().request(n2, "GARDEN", "Gras maaien");
        long r3 = api().request(n3, "GARDEN", "Te ver");
        long r4 = api().request(n4, "SHOPPING", "Past niet");
        long own = api().request(volunteer, "GARDEN", "Mijn eigen tuin");

        List<Map<String, Object>> mine = requests(api().get("/api/me/suggested-requests", volunteer));
        assertThat(ids(mine, "requestId")).containsExactly(r1, r2).doesNotContain(r3, r4, own);
        // The volunteer reads about themself ("your profile") and about the requester, not about a third person.
        assertThat((String) mine.get(0).get("explanationEn")).contains("‘Gardening’ is in your profile")
                .doesNotContain("their profile");
        assertThat((String) mine.get(0).get("explanationNl")).contains("‘Tuin’ staat in uw profiel")
                .contains("de hulpvrager spreekt ook Nederlands");
        assertThat(mine.get(0)).doesNotContainKey("requesterName").containsKey("publicPlace");

        // Right after asking for shopping help, the volunteer hears which garden jobs nearby they could do.
        long asked = api().request(volunteer, "SHOPPING", "Wie haalt mijn boodschappen?");
        List<Map<String, Object>> back = requests(api().get("/api/requests/" + asked + "/reciprocity", volunteer));
        assertThat(ids(back, "requestId")).containsExactly(r1, r2);
        api().fails(() -> api().get("/api/requests/" + asked + "/reciprocity", n1)).isProblem(404);

        // A makelaar can ask the same for a participant who has no computer.
        Person makelaar = api().staff("MAKELAAR");
        assertThat(ids(requests(api().get("/api/participants/" + volunteer.participantId() + "/suggested-requests", makelaar)),
                "requestId")).containsExactly(r1, r2);
        assertThat(api().get("/api/me/suggested-requests", volunteer)).containsEntry("full", false).doesNotContainKey("reason");

        // With their account disabled, nobody can propose them: nothing is suggested for them either.
        api().post("/api/accounts/" + volunteer.accountId() + "/disable", api().coordinator(), Map.of());
        Map<String, Object> disabled = api().get("/api/participants/" + volunteer.participantId() + "/suggested-requests", makelaar);
        assertThat(requests(disabled)).isEmpty();
        assertThat(disabled).containsEntry("full", false);
        assertThat((Map<Object, Object>) disabled.get("reason")).containsEntry("code", "NOT_MATCHABLE");
        // Someone with no skill and no open offer hears why nothing is suggested (n1 has neither).
        assertThat((Map<Object, Object>) api().get("/api/me/suggested-requests", n1).get("reason")).containsEntry("code", "NO_SKILLS");
    }

    @Test
    void aRequestWhoseTimeHasPassedIsStillRankedButSaysSo() {
        Person anna = at("Anna Verleden", 0, 0, List.of(), 2000, List.of("nl"), List.of());
        Person bram = at("Bram Verleden", 300, 0, List.of("SHOPPING"), 2000, List.of("nl"), List.of());
        // Nobody can post a time that has gone by; a request posted for last winter is one that was left open since.
        long past = api().request(anna, "SHOPPING", "Vorige winter boodschappen");
        db.update("UPDATE listing SET starts_at = now() - interval '300 days', ends_at = now() - interval '300 days' + interval '2 hours' "
                + "WHERE id = ?", ps -> ps.setLong(1, past));
        long later = api().request(anna, "SHOPPING", "Boodschappen volgende week");
        Person makelaar = api().staff("MAKELAAR");
        for (Person who : List.of(anna, makelaar)) {
            Map<String, Object> ranked = api().get("/api/requests/" + past + "/helpers", who);
            assertThat(ranked).containsEntry("timePassed", true);
            assertThat(ids(candidates(ranked), "participantId")).containsExactly(bram.participantId());
            assertThat(api().get("/api/requests/" + later + "/helpers", who)).containsEntry("timePassed", false);
        }
        Map<Long, Object> passed = new HashMap<>();
        for (Map<String, Object> r : requests(api().get("/api/me/suggested-requests", bram))) {
            passed.put(Fixtures.number(r.get("requestId")), r.get("timePassed"));
        }
        assertThat(passed).containsEntry(past, true).containsEntry(later, false);
    }

    @Test
    void aVolunteerIsNotShownRequestsOfPeopleBlockedOrSuspendedOrThatTheyDeclined() {
        Person volunteer = at("Vrijwilliger Uitsluitingen", 0, 0, List.of("GARDEN"), 3000, List.of("nl"), List.of());
        Person neighbour = at("Gewone buur", 300, 0, List.of(), 2000, List.of(), List.of());
        Person blocker = at("Blokkeerder", 0, 400, List.of(), 2000, List.of(), List.of());
        Person suspended = at("Geschorste buur", -400, 0, List.of(), 2000, List.of(), List.of());
        Person asker = at("Vrager met een nee", 0, -400, List.of(), 2000, List.of(), List.of());
        long kept = api().request(neighbour, "GARDEN", "Heg knippen");
        long byBlocker = api().request(blocker, "GARDEN", "Gras maaien");
        long bySuspended = api().request(suspended, "GARDEN", "Bladeren ruimen");
        long declined = api().request(asker, "GARDEN", "Onkruid wieden");
        String mine = "/api/me/suggested-requests";
        assertThat(ids(requests(api().get(mine, volunteer)), "requestId")).containsExactlyInAnyOrder(kept, byBlocker, bySuspended, declined);

        // The blocker invited the volunteer for another job and blocked them on it; the asker's own
        // invitation was declined; a makelaar suspended the third.
        long other = api().request(blocker, "GARDEN", "Nog een klus");
        long invitation = Fixtures.number(api().post("/api/matches", blocker,
                Map.of("requestId", other, "helperId", volunteer.participantId())).get("id"));
        api().post("/api/matches/" + invitation + "/block", blocker, Map.of());
        long no = Fixtures.number(api().post("/api/matches", asker,
                Map.of("requestId", declined, "helperId", volunteer.participantId())).get("id"));
        api().post("/api/matches/" + no + "/decline", volunteer, Map.of("reason", "Geen tijd"));
        api().post("/api/participants/" + suspended.participantId() + "/suspend", api().staff("MAKELAAR"), Map.of("reason", "Klacht"));

        assertThat(ids(requests(api().get(mine, volunteer)), "requestId")).containsExactly(kept);
        long asked = api().request(volunteer, "SHOPPING", "Wie haalt mijn boodschappen?");
        assertThat(ids(requests(api().get("/api/requests/" + asked + "/reciprocity", volunteer)), "requestId")).containsExactly(kept);
    }

    /** A helper whose travel radius lies between the exact distance to the base and the distance between the cells. */
    record Edge(Person helper, boolean cellWithin) {}

    Edge onTheEdge(long request, String name, List<String> skills) {
        Point requestPlace = Places.point(baseLat, baseLon);
        // The request's own public place, as the server drew it (a fresh draw would dither elsewhere).
        Point publicPlace = db.one(
                "SELECT ST_Y(public_place::geometry), ST_X(public_place::geometry) FROM listing WHERE id = ?",
                ps -> ps.setLong(1, request), rs -> Places.point(rs.getDouble(1), rs.getDouble(2))).orElseThrow();
        for (int north = 900; north < 3000; north += 37) {
            Point home = Places.offset(baseLat, baseLon, north, 0);
            double exact = Places.sphereDistance(home, requestPlace);
            double coarse = Places.sphereDistance(grid.coarsen(home), publicPlace);
            if (Math.abs(exact - coarse) >= 80) {
                int travel = (int) Math.round((exact + coarse) / 2);
                return new Edge(at(name, north, 0, skills, travel, List.of(), List.of()), coarse <= travel);
            }
        }
        throw new AssertionError("no home found whose cell and exact distance differ");
    }

    @Test
    void whetherAnInviteIsWithinReachIsMeasuredFromTheGridCellNeverTheHome() {
        Person requester = at("Nodigt uit", 0, 0, List.of(), 2000, List.of(), List.of());
        long request = api().request(requester, "SHOPPING", "Boodschappen");
        Edge edge = onTheEdge(request, "Op de grens", List.of());
        Map<String, Object> body = Map.of("requestId", request, "helperId", edge.helper().participantId());
        if (edge.cellWithin()) {
            assertThat(api().post("/api/matches", requester, body).get("status")).isEqualTo("PROPOSED");
        } else {
            api().fails(() -> api().post("/api/matches", requester, body)).isProblem(422).names("helperId", "out-of-reach");
        }
    }

    @Test
    void whoIsInTheRequestersRankingIsDecidedBetweenGridCellsAndInTheMakelaarsByTheHome() {
        Person requester = at("Vraagt", 0, 0, List.of(), 2000, List.of(), List.of());
        long request = api().request(requester, "SHOPPING", "Boodschappen");
        Edge edge = onTheEdge(request, "Op de grens", List.of("SHOPPING"));
        long id = edge.helper().participantId();
        List<Long> resident = ids(candidates(api().get("/api/requests/" + request + "/helpers", requester)), "participantId");
        List<Long> staff = ids(candidates(api().get("/api/requests/" + request + "/helpers", api().staff("MAKELAAR"))),
                "participantId");
        if (edge.cellWithin()) {
            assertThat(resident).contains(id);
            assertThat(staff).doesNotContain(id);
        } else {
            assertThat(resident).doesNotContain(id);
            assertThat(staff).contains(id);
        }
    }

    @Test
    void thePlanFlagsRequestsWhoseTimeHasPassed() {
        Person asks = at("Vraagt", 0, 0, List.of(), 2000, List.of(), List.of());
        helper("Helpt", 300, 0, "SHOPPING");
        long past = api().request(asks, "SHOPPING", "Afgelopen januari");
        long future = api().request(asks, "SHOPPING", "Volgend jaar");
        long nobody = api().request(asks, "GARDEN", "Tuin, afgelopen januari");
        for (long[] w : new long[][] {{past, -300}, {future, 300}, {nobody, -300}}) {
            db.update("UPDATE listing SET starts_at = now() + make_interval(days => ?), ends_at = now() + make_interval(days => ?, hours => 2) "
                    + "WHERE id = ?", ps -> {
                ps.setInt(1, (int) w[1]);
                ps.setInt(2, (int) w[1]);
                ps.setLong(3, w[0]);
            });
        }
        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1000",
                api().staff("MAKELAAR"));
        assertThat(suggestionFor(plan, past)).containsEntry("timePassed", true);
        assertThat(suggestionFor(plan, future)).containsEntry("timePassed", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unmatched = (List<Map<String, Object>>) plan.get("unmatched");
        assertThat(unmatched).singleElement().satisfies(u -> assertThat(u).containsEntry("requestId", (int) nobody)
                .containsEntry("timePassed", true));
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        Person requester = at("Vrager", 0, 0, List.of(), 2000, List.of(), List.of());
        long request = api().request(requester, "SHOPPING", "Ingetrokken");
        api().post("/api/requests/" + request + "/withdraw", requester, Map.of());
        api().fails(() -> api().get("/api/requests/" + request + "/helpers", api().staff("MAKELAAR")))
                .isProblem(409).names("requestId", "request-not-open");
        Person homeless = api().resident("Zonder adres");
        api().fails(() -> api().get("/api/me/suggested-requests", homeless)).isProblem(409).names("home", "no-home");
    }

    @Test
    void aVolunteerIsShownWhatTheRankingWouldPutThemUpForAndNothingWhenFull() {
        // Willing to travel 20 km, but the ranking looks at most 10 km from a request (search-radius-metres).
        Person volunteer = at("Verre fietser", 0, 0, List.of("GARDEN"), 20_000, List.of("nl"), List.of());
        Person near = at("Dichtbij", 2000, 0, List.of(), 2000, List.of(), List.of());
        Person far = at("Twaalf km", 12_000, 0, List.of(), 2000, List.of(), List.of());
        long nearby = api().request(near, "GARDEN", "Heg knippen");
        long beyond = api().request(far, "GARDEN", "Gras maaien ver weg");
        assertThat(ids(requests(api().get("/api/me/suggested-requests", volunteer)), "requestId"))
                .contains(nearby).doesNotContain(beyond);
        assertThat(ids(candidates(api().get("/api/requests/" + beyond + "/helpers", far)), "participantId"))
                .as("the ranking agrees").doesNotContain(volunteer.participantId());

        // With as many running matches as they chose to carry, they are shown nothing they could not accept.
        capacity(volunteer, 1);
        insertMatch(api().request(near, "GARDEN", "Al geholpen"), near, volunteer, "ACTIVE");
        Map<String, Object> full = api().get("/api/me/suggested-requests", volunteer);
        assertThat(full).containsEntry("full", true);
        assertThat(requests(full)).isEmpty();
        assertThat((Map<Object, Object>) full.get("reason")).containsEntry("code", "CAPACITY")
                .containsEntry("nl", "al 1 lopende match (max. 1): er kan nu niets bij")
                .containsEntry("en", "already 1 running match (at most 1): no room for another now");
        long asked = api().request(volunteer, "SHOPPING", "Boodschappen voor mij");
        assertThat(requests(api().get("/api/requests/" + asked + "/reciprocity", volunteer))).isEmpty();
        capacity(volunteer, 2);
        assertThat(ids(requests(api().get("/api/me/suggested-requests", volunteer)), "requestId")).contains(nearby);
    }

    @Test
    void theCityWidePlanMatchesEveryoneWhereTakingTheTopCandidatePerRequestLeavesSomeoneOut() {
        // Worked out by hand. Q1 at the base, Q2 1600 m east. Xandra, 400 m east, can reach both
        // (400 m to Q1, 1200 m to Q2) but takes one match. Yusuf, 600 m west with a travel radius of
        // 1000 m, can only reach Q1. Top candidate per request, oldest first: Q1 gets Xandra (nearer
        // than Yusuf), then Q2 has nobody. The plan: Q1 with Yusuf, Q2 with Xandra — both helped.
        Person p1 = at("Vrager een", 0, 0, List.of(), 2000, List.of(), List.of());
        Person p2 = at("Vrager twee", 0, 1600, List.of(), 2000, List.of(), List.of());
        long q1 = api().request(p1, "SHOPPING", "Q1");
        long q2 = api().request(p2, "SHOPPING", "Q2");
        Person x = at("Xandra", 0, 400, List.of("SHOPPING"), 5000, List.of(), List.of());
        Person y = at("Yusuf", 0, -600, List.of("SHOPPING"), 1000, List.of(), List.of());
        capacity(x, 1);
        capacity(y, 1);
        Person makelaar = api().staff("MAKELAAR");
        assertThat(ids(candidates(api().get("/api/requests/" + q1 + "/helpers", makelaar)), "participantId"))
                .startsWith(x.participantId());

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=3000", makelaar);
        assertThat(((Number) plan.get("waitingRequests")).intValue()).isEqualTo(2);
        assertThat(((Number) plan.get("matched")).intValue()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) plan.get("suggestions");
        Map<Long, Long> helperOf = new HashMap<>();
        for (Map<String, Object> s : suggestions) {
            helperOf.put(Fixtures.number(s.get("requestId")), Fixtures.number(s.get("helperId")));
            assertThat((String) s.get("explanationEn")).contains("m away");
        }
        assertThat(helperOf).containsEntry(q1, y.participantId()).containsEntry(q2, x.participantId());
        assertThat((List<?>) plan.get("unmatched")).isEmpty();
        // Q1 goes to the ranking's second: its first, Xandra, is suggested for Q2 and has no room left.
        Map<String, Object> forQ1 = suggestionFor(plan, q1);
        assertThat(((Number) forQ1.get("rank")).intValue()).isEqualTo(2);
        assertThat(passedOver(forQ1, x.participantId(), "PLANNED_ELSEWHERE"))
                .containsEntry("en", "is suggested for “Q2”, which leaves no room for more")
                .containsEntry("nl", "staat in dit plan al ingepland voor „Q2” en heeft dan geen ruimte meer");
        Map<String, Object> forQ2 = suggestionFor(plan, q2);
        assertThat(((Number) forQ2.get("rank")).intValue()).isEqualTo(1);
        assertThat(forQ2).doesNotContainKey("firstChoice");
        // Suggestions only: nothing was proposed.
        assertThat(db.one("SELECT count(*) FROM match WHERE request_id IN (?, ?)", ps -> {
            ps.setLong(1, q1);
            ps.setLong(2, q2);
        }, rs -> rs.getLong(1)).orElseThrow()).isZero();
    }

    @Test
    void thePlanTakesOnlyHelpersFreeAtAnAskedTimeAndSpreadsOverThoseWhoHaveNotHelpedLately() {
        // Every request asks Tuesday morning (Fixtures.oneOff: Tuesday 1 December, 10:00-12:00).
        // Q1 at the base: Anouk lives 200 m away but is only free on Saturday evenings, Bram 700 m
        // away is free on Tuesday mornings: the plan gives Q1 to Bram.
        // Q2 3 km north: Cor and Anouk can reach it, and neither is free then: unmatched, with that reason.
        // Q3 6 km east: Dirk 300 m away helped someone three days ago, Evi 400 m away has not helped
        // lately; one carried match costs 375 m in the plan, so Evi gets it.
        long q1 = api().request(at("Vrager een", 0, 0, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q1");
        long q2 = api().request(at("Vrager twee", 3000, 0, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q2");
        long q3 = api().request(at("Vrager drie", 0, 6000, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q3");
        Person anouk = at("Anouk", 200, 0, List.of("SHOPPING"), 5000, List.of(), List.of("SAT_EVENING"));
        Person bram = at("Bram", -700, 0, List.of("SHOPPING"), 1000, List.of(), List.of("TUE_MORNING"));
        Person cor = at("Cor", 3100, 0, List.of("SHOPPING"), 1000, List.of(), List.of("SAT_EVENING"));
        Person dirk = at("Dirk", 300, 6000, List.of("SHOPPING"), 1000, List.of(), List.of("TUE_MORNING"));
        Person evi = at("Evi", -400, 6000, List.of("SHOPPING"), 1000, List.of(), List.of("TUE_MORNING"));
        // Dirk's earlier help, for someone far outside the plan's area.
        Person earlier = at("Eerder geholpen", 40_000, 40_000, List.of(), 2000, List.of(), List.of());
        long done = api().request(earlier, "SHOPPING", "Al geholpen");
        db.update("""
                INSERT INTO match (request_id, requester_id, helper_id, channel, one_off, status, proposed_by,
                                   decided_at, decided_by, ended_at, ended_by_side)
                VALUES (?, ?, ?, 'REQUESTER', true, 'COMPLETED', ?, now() - interval '4 days', ?, now() - interval '3 days', 'REQUESTER')
                """, ps -> {
                    ps.setLong(1, done);
                    ps.setLong(2, earlier.participantId());
                    ps.setLong(3, dirk.participantId());
                    ps.setLong(4, earlier.accountId());
                    ps.setLong(5, dirk.accountId());
                });
        Person makelaar = api().staff("MAKELAAR");
        // The ranking still shows Anouk (availability is scored there, not required) and says why
        // Dirk sinks.
        List<Map<String, Object>> q1Ranking = candidates(api().get("/api/requests/" + q1 + "/helpers", makelaar));
        assertThat(ids(q1Ranking, "participantId")).contains(anouk.participantId(), bram.participantId());
        List<Map<String, Object>> q3Ranking = candidates(api().get("/api/requests/" + q3 + "/helpers", makelaar));
        assertThat(q3Ranking).filteredOn(c -> Fixtures.number(c.get("participantId")) == dirk.participantId())
                .singleElement().satisfies(c -> assertThat((String) c.get("explanationEn"))
                        .contains("no running matches, helped once in the last 90 days"));

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=8000", makelaar);
        assertThat(((Number) plan.get("waitingRequests")).intValue()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) plan.get("suggestions");
        Map<Long, Long> helperOf = new HashMap<>();
        suggestions.forEach(x -> helperOf.put(Fixtures.number(x.get("requestId")), Fixtures.number(x.get("helperId"))));
        assertThat(helperOf).containsOnly(Map.entry(q1, bram.participantId()), Map.entry(q3, evi.participantId()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unmatched = (List<Map<String, Object>>) plan.get("unmatched");
        assertThat(unmatched).singleElement().satisfies(u -> {
            assertThat(Fixtures.number(u.get("requestId"))).isEqualTo(q2);
            assertThat(((Number) u.get("candidates")).intValue()).as("Cor and Anouk can reach it").isEqualTo(2);
            assertThat(((Number) u.get("candidatesFreeAtAskedTime")).intValue()).isZero();
            @SuppressWarnings("unchecked")
            Map<String, Object> reason = (Map<String, Object>) u.get("reason");
            assertThat(reason).containsEntry("code", "NOT_FREE")
                    .containsEntry("en", "2 helpers can help, but none of them is free at any requested time")
                    .containsEntry("nl", "2 helpers kunnen helpen, maar niemand van hen is vrij op een gevraagd moment");
        });
        assertThat(cor.participantId()).isNotIn(helperOf.values());
    }

    @Test
    void thePlanSaysWhyItPassesOverTheRankingsFirstChoice() {
        // Three corners of the area, each 6 km from the others; every request asks Tuesday morning.
        // Q1 at the base: Anouk lives 50 m away but is free only on Saturday evenings; Bram, 1,800 m
        // away, is free then. The ranking puts Anouk first (distance outweighs availability there);
        // the plan takes only helpers who are free.
        long q1 = api().request(at("Vrager een", 0, 0, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q1");
        Person anouk = at("Anouk", 50, 0, List.of("SHOPPING"), 2000, List.of(), List.of("SAT_EVENING"));
        Person bram = at("Bram", -1800, 0, List.of("SHOPPING"), 2000, List.of(), List.of("TUE_MORNING"));
        // Q2 and Q3, 100 m apart 6 km east: Hans lives 50 m from both, Ina 400 m from Q2 and 300 m
        // from Q3. Hans first for both, but his second match would cost 375 m more, Ina only 250 m:
        // the plan gives Q2 to Hans and Q3 to Ina.
        long q2 = api().request(at("Vrager twee", 0, 6000, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q2");
        long q3 = api().request(at("Vrager drie", 0, 6100, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q3");
        Person hans = at("Hans", 0, 6050, List.of("SHOPPING"), 2000, List.of(), List.of());
        Person ina = at("Ina", 0, 6400, List.of("SHOPPING"), 2000, List.of(), List.of());
        // Q4 6 km north, asked by someone who speaks only Arabic: Lina speaks it and lives 250 m away,
        // Kees does not and lives 100 m away. The ranking weighs the shared language above 150 m; the
        // plan counts it as 100 m and gives Q4 to Kees.
        long q4 = api().request(at("Vrager vier", 6000, 0, List.of(), 2000, List.of("ar"), List.of()), "SHOPPING", "Q4");
        Person kees = at("Kees", 6100, 0, List.of("SHOPPING"), 2000, List.of("nl"), List.of());
        Person lina = at("Lina", 6250, 0, List.of("SHOPPING"), 2000, List.of("ar", "nl"), List.of());
        Person makelaar = api().staff("MAKELAAR");
        assertThat(ids(candidates(api().get("/api/requests/" + q1 + "/helpers", makelaar)), "participantId"))
                .containsExactly(anouk.participantId(), bram.participantId());
        assertThat(ids(candidates(api().get("/api/requests/" + q3 + "/helpers", makelaar)), "participantId"))
                .containsExactly(hans.participantId(), ina.participantId());
        assertThat(ids(candidates(api().get("/api/requests/" + q4 + "/helpers", makelaar)), "participantId"))
                .containsExactly(lina.participantId(), kees.participantId());

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=8000", makelaar);
        assertThat(((Number) plan.get("matched")).intValue()).isEqualTo(4);
        Map<String, Object> forQ1 = suggestionFor(plan, q1);
        assertThat(Fixtures.number(forQ1.get("helperId"))).isEqualTo(bram.participantId());
        assertThat(((Number) forQ1.get("rank")).intValue()).isEqualTo(2);
        assertThat(firstChoice(forQ1)).containsEntry("displayName", "Anouk").containsEntry("distanceMetres", 50);
        assertThat(passedOver(forQ1, anouk.participantId(), "NOT_FREE")).containsEntry("en", "is not free at any requested time");

        Map<String, Object> forQ2 = suggestionFor(plan, q2);
        assertThat(Fixtures.number(forQ2.get("helperId"))).isEqualTo(hans.participantId());
        assertThat(forQ2).doesNotContainKey("firstChoice");
        Map<String, Object> forQ3 = suggestionFor(plan, q3);
        assertThat(Fixtures.number(forQ3.get("helperId"))).isEqualTo(ina.participantId());
        assertThat(passedOver(forQ3, hans.participantId(), "SPREAD"))
                .containsEntry("en", "is suggested for 1 other request; the plan counts 375 m for every match a helper already has or gets")
                .containsEntry("nl", "staat in dit plan al ingepland voor 1 andere hulpvraag; het plan rekent 375 m voor elke match die iemand al heeft of krijgt");

        Map<String, Object> forQ4 = suggestionFor(plan, q4);
        assertThat(Fixtures.number(forQ4.get("helperId"))).isEqualTo(kees.participantId());
        assertThat((String) passedOver(forQ4, lina.participantId(), "NEARER").get("en"))
                .startsWith("the plan counts in metres (distance plus 10 m per score point missed): Kees comes to ")
                .contains(", Lina to ");
    }

    @Test
    void thePlanSaysWhyARequestStaysWithoutAHelper() {
        // Every request asks Tuesday morning. Q1 and Q2 at the base: Joke, 300 m away and free then,
        // takes one match at a time, so one of the two waits. Q3 6 km east: Piet can help but is free
        // only on Saturday evenings. Q4 6 km north asks for garden help, which nobody near offers.
        long q1 = api().request(at("Vrager een", 0, 0, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q1");
        long q2 = api().request(at("Vrager twee", 0, 100, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q2");
        capacity(at("Joke", 300, 0, List.of("SHOPPING"), 2000, List.of(), List.of("TUE_MORNING")), 1);
        long q3 = api().request(at("Vrager drie", 0, 6000, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q3");
        at("Piet", 0, 6200, List.of("SHOPPING"), 2000, List.of(), List.of("SAT_EVENING"));
        long q4 = api().request(at("Vrager vier", 6000, 0, List.of(), 2000, List.of(), List.of()), "GARDEN", "Q4");
        Person makelaar = api().staff("MAKELAAR");

        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=8000", makelaar);
        assertThat(((Number) plan.get("matched")).intValue()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<Long, Map<String, Object>> why = ((List<Map<String, Object>>) plan.get("unmatched")).stream()
                .collect(Collectors.toMap(u -> Fixtures.number(u.get("requestId")), u -> (Map<String, Object>) u.get("reason")));
        long waits = why.containsKey(q1) ? q1 : q2;
        assertThat(why).containsOnlyKeys(waits, q3, q4);
        assertThat(why.get(waits)).containsEntry("code", "NO_ROOM")
                .containsEntry("en", "1 helper is free but needed for another request in this plan")
                .containsEntry("nl", "1 helper is vrij, maar nodig voor een andere hulpvraag in dit plan");
        assertThat(why.get(q3)).containsEntry("code", "NOT_FREE")
                .containsEntry("en", "1 helper can help but is not free at any requested time");
        assertThat(why.get(q4)).containsEntry("code", "NO_CANDIDATES");
        assertThat((String) why.get(q4).get("en")).startsWith("nobody within reach who offers ‘");
        assertThat((String) why.get(q4).get("nl")).startsWith("niemand binnen bereik met ‘");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePlanLeavesRequestsWithAProposalOutToTheAnswerAndKeepsRoomForIt() {
        // At the base, Q1's asker has invited Joke, 300 m away, who takes one match at a time: Q1 waits
        // for her answer, and Joke has no room for Q2 next door until she gives it. Wim, 2,500 m away,
        // can take Q2 (far enough that Joke, sunk by the proposal she has to answer, still ranks first). 6 km east, a makelaar has proposed Piet (one at a time) for Q4: Q3, for which
        // only Piet can help, stays without a helper for now.
        Person vragerEen = at("Vrager een", 0, 0, List.of(), 2000, List.of(), List.of());
        long q1 = api().request(vragerEen, "SHOPPING", "Q1");
        long q2 = api().request(at("Vrager twee", 0, 100, List.of(), 2000, List.of(), List.of()), "SHOPPING", "Q2");
        Person joke = at("Joke", 300, 0, List.of("SHOPPING"), 3000, List.of(), List.of());
        capacity(joke, 1);
        Person wim = at("Wim", 2500, 0, List.of("SHOPPING"), 3000, List.of(), List.of());
        long q3 = api().request(at("Vrager drie", 0, 6000, List.of(), 2000, List.of(), List.of()), "GARDEN", "Q3");
        long q4 = api().request(at("Vrager vier", 0, 6100, List.of(), 2000, List.of(), List.of()), "GARDEN", "Q4");
        Person piet = at("Piet", 0, 6200, List.of("GARDEN"), 2000, List.of(), List.of());
        capacity(piet, 1);
        Person makelaar = api().staff("MAKELAAR");
        String area = "/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=8000";

        // Before any proposal: Joke for Q1 or Q2 (one of them), Wim for the other, Piet for Q3 or Q4.
        Map<String, Object> before = api().get(area, makelaar);
        assertThat(((Number) before.get("waitingRequests")).intValue()).isEqualTo(4);
        assertThat((List<?>) before.get("awaitingAnswer")).isEmpty();

        long invited = Fixtures.number(api().post("/api/matches", vragerEen,
                Map.of("requestId", q1, "helperId", joke.participantId())).get("id"));
        long brokered = Fixtures.number(api().post("/api/matches", makelaar,
                Map.of("requestId", q4, "helperId", piet.participantId())).get("id"));

        Map<String, Object> plan = api().get(area, makelaar);
        assertThat(((Number) plan.get("waitingRequests")).intValue()).isEqualTo(2);
        assertThat(((Number) plan.get("matched")).intValue()).isEqualTo(1);
        List<Map<String, Object>> awaiting = (List<Map<String, Object>>) plan.get("awaitingAnswer");
        assertThat(ids(awaiting, "requestId")).containsExactly(q1, q4);
        Map<String, Object> toJoke = firstProposal(plan, 0);
        assertThat(Fixtures.number(toJoke.get("matchId"))).isEqualTo(invited);
        assertThat(Fixtures.number(toJoke.get("helperId"))).isEqualTo(joke.participantId());
        assertThat(toJoke).containsEntry("helperName", "Joke").containsEntry("channel", "REQUESTER").containsKey("proposedAt");
        assertThat(awaiting.get(0)).containsEntry("requestTitle", "Q1").containsEntry("category", "SHOPPING");
        Map<String, Object> toPiet = firstProposal(plan, 1);
        assertThat(Fixtures.number(toPiet.get("matchId"))).isEqualTo(brokered);
        assertThat(toPiet).containsEntry("channel", "MAKELAAR").doesNotContainKey("remindedAt");
        // Three days on, Piet is reminded once; the makelaar sees when.
        db.update("UPDATE match SET proposed_at = proposed_at - interval '4 days' WHERE id = ?", ps -> ps.setLong(1, brokered));
        followUps.runProposalReminders(java.time.Duration.ofDays(3));
        Map<String, Object> later = api().get(area, makelaar);
        assertThat(firstProposal(later, 1)).containsKey("remindedAt");
        assertThat(firstProposal(later, 0)).doesNotContainKey("remindedAt");

        // The makelaar's ranking for Q2 counts the invitation Joke has to answer as load, and says so.
        List<Map<String, Object>> q2Ranking = candidates(api().get("/api/requests/" + q2 + "/helpers", makelaar));
        assertThat(ids(q2Ranking, "participantId")).containsExactly(joke.participantId(), wim.participantId());
        assertThat((String) q2Ranking.get(0).get("explanationEn")).contains("no running matches, 1 proposal waiting for an answer");
        assertThat((String) q2Ranking.get(0).get("explanationNl")).contains("geen lopende matches, 1 voorstel wacht op antwoord");
        // Q2 goes to Wim: Joke, the ranking's first choice, has her room taken by the invitation.
        Map<String, Object> forQ2 = suggestionFor(plan, q2);
        assertThat(Fixtures.number(forQ2.get("helperId"))).isEqualTo(wim.participantId());
        assertThat(passedOver(forQ2, joke.participantId(), "AWAITING_ANSWERS"))
                .containsEntry("en", "has a proposal waiting for their answer, which leaves no room for more")
                .containsEntry("nl", "heeft een voorstel dat op antwoord wacht en daarmee geen ruimte meer");
        // Q3 waits, and the plan says why.
        Map<String, Object> q3Unmatched = ((List<Map<String, Object>>) plan.get("unmatched")).stream()
                .filter(u -> Fixtures.number(u.get("requestId")) == q3).findFirst().orElseThrow();
        assertThat((Map<String, Object>) q3Unmatched.get("reason")).containsEntry("code", "AWAITING_ANSWERS")
                .containsEntry("en", "1 helper is free but has proposals waiting for an answer, which leave no room")
                .containsEntry("nl", "1 helper is vrij, maar heeft voorstellen die op antwoord wachten en geen ruimte meer");

        // Piet says no: Q4 is waiting again, and Piet has room for Q3 (he declined Q4, so not for that one).
        api().post("/api/matches/" + brokered + "/decline", piet, Map.of());
        Map<String, Object> after = api().get(area, makelaar);
        assertThat(ids((List<Map<String, Object>>) after.get("awaitingAnswer"), "requestId")).containsExactly(q1);
        assertThat(Fixtures.number(suggestionFor(after, q3).get("helperId"))).isEqualTo(piet.participantId());
        assertThat(((List<Map<String, Object>>) after.get("unmatched")).stream()
                .map(u -> Fixtures.number(u.get("requestId")))).containsExactly(q4);
    }

    /** The first proposal of the plan's i-th request awaiting an answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstProposal(Map<String, Object> plan, int i) {
        List<Map<String, Object>> awaiting = (List<Map<String, Object>>) plan.get("awaitingAnswer");
        return ((List<Map<String, Object>>) awaiting.get(i).get("proposals")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> suggestionFor(Map<String, Object> plan, long request) {
        return ((List<Map<String, Object>>) plan.get("suggestions")).stream()
                .filter(s -> Fixtures.number(s.get("requestId")) == request).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstChoice(Map<String, Object> suggestion) {
        return (Map<String, Object>) suggestion.get("firstChoice");
    }

    /** The reason a suggestion gives for passing over the ranking's first choice, after checking who and which code. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> passedOver(Map<String, Object> suggestion, long firstChoice, String code) {
        Map<String, Object> f = firstChoice(suggestion);
        assertThat(f).as("the ranking's first choice").isNotNull();
        assertThat(Fixtures.number(f.get("participantId"))).isEqualTo(firstChoice);
        Map<String, Object> reason = (Map<String, Object>) f.get("reason");
        assertThat(reason).containsEntry("code", code);
        return reason;
    }

    @Test
    void everyEndpointChecksWhoIsCalling() {
        Person owner = at("Eigenaar", 0, 0, List.of("GARDEN"), 2000, List.of(), List.of());
        long request = api().request(owner, "SHOPPING", "Boodschappen");
        Person stranger = at("Vreemde", 100, 0, List.of(), 2000, List.of(), List.of());
        Person makelaar = api().staff("MAKELAAR");
        Person coordinator = api().coordinator();

        api().fails(() -> api().get("/api/requests/" + request + "/helpers", null)).isProblem(401);
        api().fails(() -> api().get("/api/requests/" + request + "/helpers", stranger)).isProblem(404);
        api().fails(() -> api().get("/api/requests/999999999/helpers", makelaar)).isProblem(404);
        api().fails(() -> api().get("/api/requests/" + request + "/helpers?limit=0", owner)).isProblem(400).names("limit", "Range");
        assertThat(api().get("/api/requests/" + request + "/helpers", owner)).containsKey("candidates");
        assertThat(api().get("/api/requests/" + request + "/helpers", coordinator)).containsKey("candidates");

        api().fails(() -> api().get("/api/me/suggested-requests", null)).isProblem(401);
        api().fails(() -> api().get("/api/me/suggested-requests", makelaar)).isProblem(403);
        assertThat(api().get("/api/me/suggested-requests", owner)).containsKey("requests");

        api().fails(() -> api().get("/api/participants/" + owner.participantId() + "/suggested-requests", null)).isProblem(401);
        api().fails(() -> api().get("/api/participants/" + owner.participantId() + "/suggested-requests", stranger)).isProblem(403);
        api().fails(() -> api().get("/api/participants/999999999/suggested-requests", makelaar)).isProblem(404);

        api().fails(() -> api().get("/api/requests/" + request + "/reciprocity", null)).isProblem(401);
        api().fails(() -> api().get("/api/requests/" + request + "/reciprocity", stranger)).isProblem(404);
        api().fails(() -> api().get("/api/requests/" + request + "/reciprocity", makelaar)).isProblem(403);
        assertThat(api().get("/api/requests/" + request + "/reciprocity", owner)).containsKey("requests");

        api().fails(() -> api().get("/api/matching/plan", null)).isProblem(401);
        api().fails(() -> api().get("/api/matching/plan", owner)).isProblem(403);
        api().fails(() -> api().get("/api/matching/plan?lat=52.38&lon=4.64", makelaar)).isProblem(400).names("radius", "NotNull");
        api().fails(() -> api().get("/api/matching/plan?lat=95&lon=4.64&radius=1000", makelaar)).isProblem(400).names("lat", "Range");
        assertThat(api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1000", coordinator))
                .containsKey("suggestions");

        String standing = "/api/requests/" + request + "/helpers/" + stranger.participantId();
        api().fails(() -> api().get(standing, null)).isProblem(401);
        api().fails(() -> api().get(standing, owner)).isProblem(403); // blocks and declines are not the requester's business
        api().fails(() -> api().get(standing, stranger)).isProblem(403);
        api().fails(() -> api().get("/api/requests/999999999/helpers/" + stranger.participantId(), makelaar)).isProblem(404);
        api().fails(() -> api().get("/api/requests/" + request + "/helpers/999999999", makelaar)).isProblem(404);
        assertThat(api().get(standing, coordinator)).containsKey("reasons");

        String radius = "/api/requests/" + request + "/search-radius";
        api().fails(() -> api().put(radius, null, Map.of("searchRadiusMetres", 15000))).isProblem(401);
        api().fails(() -> api().put(radius, owner, Map.of("searchRadiusMetres", 15000))).isProblem(403);
        api().fails(() -> api().put(radius, stranger, Map.of("searchRadiusMetres", 15000))).isProblem(403);
        api().fails(() -> api().put("/api/requests/999999999/search-radius", makelaar, Map.of("searchRadiusMetres", 15000)))
                .isProblem(404);
        api().fails(() -> api().put(radius, makelaar, Map.of("searchRadiusMetres", 99))).isProblem(400)
                .names("searchRadiusMetres", "Min");
        api().fails(() -> api().put(radius, makelaar, Map.of("searchRadiusMetres", 50_001))).isProblem(400)
                .names("searchRadiusMetres", "Max");
        assertThat(api().put(radius, coordinator, Map.of("searchRadiusMetres", 15000))).containsEntry("searchRadiusMetres", 15000);

        // A withdrawn request has no helpers to rank, and no radius to set.
        api().post("/api/requests/" + request + "/withdraw", owner, Map.of());
        api().fails(() -> api().get("/api/requests/" + request + "/helpers", owner)).isProblem(409);
        api().fails(() -> api().get(standing, makelaar)).isProblem(409);
        api().fails(() -> api().put(radius, makelaar, Map.of("searchRadiusMetres", 15000))).isProblem(409)
                .names("status", "listing-not-open");
    }

    @Test
    void aRequestsOwnSearchRadiusReachesFartherOrStaysCloser() {
        // Kees lives 12 km away and travels 20 km: beyond the city's search radius of 10 km.
        Person requester = at("Vraagt ver", 0, 0, List.of(), 2000, List.of(), List.of());
        Person kees = at("Kees", 12_000, 0, List.of("LIFT"), 20_000, List.of(), List.of());
        Person near = at("Dichtbij", 3000, 0, List.of("LIFT"), 20_000, List.of(), List.of());
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(requester, "LIFT", "Naar het ziekenhuis");
        String ranking = "/api/requests/" + request + "/helpers";
        assertThat(ids(candidates(api().get(ranking, makelaar)), "participantId")).containsExactly(near.participantId());
        assertThat(reasonCodes(api().get(ranking + "/" + kees.participantId(), makelaar))).containsExactly("SEARCH_RADIUS");
        assertThat(ids(requests(api().get("/api/me/suggested-requests", kees)), "requestId")).doesNotContain(request);

        // The makelaar widens it to 15 km: the ranking, the plan and Kees's own suggestions reach him at once.
        api().put("/api/requests/" + request + "/search-radius", makelaar, Map.of("searchRadiusMetres", 15_000));
        assertThat(ids(candidates(api().get(ranking, makelaar)), "participantId"))
                .containsExactly(near.participantId(), kees.participantId());
        assertThat(ids(requests(api().get("/api/me/suggested-requests", kees)), "requestId")).contains(request);
        // In the plan, Kees can only be the helper of the widened request; another request nearby stays at 10 km.
        Person other = at("Vraagt dichtbij", 0, 200, List.of(), 2000, List.of(), List.of());
        long plain = api().request(other, "LIFT", "Naar de markt");
        api().put("/api/me/profile", near, Map.of("displayName", "Dichtbij", "skills", List.of(), "languages", List.of(),
                "availability", List.of(), "travelRadiusMetres", 20_000, "preferredLanguage", "nl"));
        Map<String, Object> plan = api().get("/api/matching/plan?lat=" + baseLat + "&lon=" + baseLon + "&radius=1000", makelaar);
        assertThat(Fixtures.number(suggestionFor(plan, request).get("helperId"))).isEqualTo(kees.participantId());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unmatched = (List<Map<String, Object>>) plan.get("unmatched");
        assertThat(ids(unmatched, "requestId")).containsExactly(plain);

        // The requester narrows it when asking: 2 km keeps it in the street.
        Map<String, Object> body = new HashMap<>(Fixtures.oneOff("LIFT", "Even naar de apotheek"));
        body.put("searchRadiusMetres", 2000);
        Map<String, Object> created = api().post("/api/requests", requester, body);
        assertThat(created).containsEntry("searchRadiusMetres", 2000);
        assertThat(candidates(api().get("/api/requests/" + Fixtures.number(created.get("id")) + "/helpers", makelaar))).isEmpty();
        // The makelaar clears it: the city's default again.
        assertThat(api().put("/api/requests/" + Fixtures.number(created.get("id")) + "/search-radius", makelaar,
                new HashMap<>(java.util.Collections.singletonMap("searchRadiusMetres", null)))).doesNotContainKey("searchRadiusMetres");
    }

    @SuppressWarnings("unchecked")
    static List<String> reasonCodes(Map<String, Object> standing) {
        return ((List<Map<String, Object>>) standing.get("reasons")).stream().map(r -> (String) r.get("code")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstReason(Map<String, Object> standing) {
        return ((List<Map<String, Object>>) standing.get("reasons")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMakelaarHearsWhyANeighbourIsOrIsNotACandidate() {
        Excluded x = excluded();
        Person requester = x.requester();
        long request = x.request();
        Person ok = x.ok();
        Person near = helper("Dichtbij", 200, 0, "SHOPPING");
        Person gardener = helper("Tuinier", 300, 0, "GARDEN");
        Person homebody = at("Thuisblijver", 0, 1500, List.of("SHOPPING"), 1000, List.of(), List.of());
        Person far = at("Verre", 12_000, 0, List.of("SHOPPING"), 5000, List.of(), List.of());
        Person makelaar = api().staff("MAKELAAR");
        String base = "/api/requests/" + request + "/helpers/";

        Map<String, Object> top = api().get(base + near.participantId(), makelaar);
        assertThat(((Number) top.get("rank")).intValue()).isEqualTo(1);
        assertThat(((Number) top.get("candidates")).intValue()).isEqualTo(2);
        assertThat((List<?>) top.get("reasons")).isEmpty();
        Map<String, Object> ranked = (Map<String, Object>) top.get("ranked");
        assertThat(Fixtures.number(ranked.get("participantId"))).isEqualTo(near.participantId());
        assertThat((String) ranked.get("explanationNl")).startsWith("op 200 m afstand; heeft ‘Boodschappen doen’ in het profiel");
        assertThat((List<?>) ranked.get("components")).as("the staff view").hasSize(7);
        // The same words and score as in the ranking itself.
        Map<String, Object> inRanking = candidates(api().get("/api/requests/" + request + "/helpers", makelaar)).get(0);
        assertThat(ranked).isEqualTo(inRanking);
        assertThat(((Number) api().get(base + ok.participantId(), makelaar).get("rank")).intValue()).isEqualTo(2);

        Map<String, Object> g = api().get(base + gardener.participantId(), makelaar);
        assertThat(g.get("rank")).isNull();
        assertThat(g.get("ranked")).isNull();
        assertThat(reasonCodes(g)).containsExactly("NO_FIT");
        assertThat(firstReason(g)).containsEntry("en", "offers no help with ‘Shopping for someone’ and does not have it in their profile")
                .containsEntry("nl", "heeft geen aanbod in ‘Boodschappen doen’ en heeft het niet in het profiel");
        assertThat(reasonCodes(api().get(base + x.suspended().participantId(), makelaar))).containsExactly("SUSPENDED");
        assertThat(reasonCodes(api().get(base + x.blocksRequester().participantId(), makelaar))).containsExactly("BLOCKED");
        assertThat(reasonCodes(api().get(base + x.blockedByRequester().participantId(), makelaar))).containsExactly("BLOCKED");
        assertThat(reasonCodes(api().get(base + x.declined().participantId(), makelaar))).containsExactly("DECLINED");
        assertThat(firstReason(api().get(base + x.declined().participantId(), makelaar)))
                .containsEntry("en", "already declined this request");
        // A no from the requester's side to a helper who offered is said as such, not as the helper's.
        Person turnedDown = at("Afgewezen", 150, 0, List.of("SHOPPING"), 3000, List.of("nl"), List.of());
        long offered = id(api().post("/api/matches", turnedDown, new HashMap<>(Map.of("requestId", request))));
        act(offered, "decline", requester);
        Map<String, Object> td = api().get(base + turnedDown.participantId(), makelaar);
        assertThat(reasonCodes(td)).containsExactly("REQUESTER_DECLINED");
        assertThat(firstReason(td)).containsEntry("en", "the requester already said no to this helper")
                .containsEntry("nl", "de hulpvrager heeft al nee gezegd tegen deze helper");
        assertThat(reasonCodes(api().get(base + x.disabled().participantId(), makelaar))).containsExactly("ACCOUNT_DISABLED");
        Map<String, Object> f = api().get(base + x.full().participantId(), makelaar);
        assertThat(reasonCodes(f)).containsExactly("CAPACITY");
        assertThat(firstReason(f)).containsEntry("nl", "heeft al 1 lopende match (max. 1)");
        Map<String, Object> h = api().get(base + homebody.participantId(), makelaar);
        assertThat(reasonCodes(h)).containsExactly("TRAVEL_RADIUS");
        assertThat(firstReason(h)).containsEntry("en", "lives 1.5 km away and travels up to 1 km");
        assertThat(reasonCodes(api().get(base + far.participantId(), makelaar))).containsExactly("TRAVEL_RADIUS", "SEARCH_RADIUS");
        assertThat(reasonCodes(api().get(base + requester.participantId(), makelaar))).containsExactly("REQUESTER", "NO_FIT");
        Person homeless = api().resident("Zonder Adres");
        db.update("UPDATE participant SET skills = '{SHOPPING}', status = 'INACTIVE' WHERE id = ?",
                ps -> ps.setLong(1, homeless.participantId()));
        assertThat(reasonCodes(api().get(base + homeless.participantId(), makelaar))).containsExactly("INACTIVE", "NO_HOME");

        // Proposed: out of the ranking while the proposal waits; accepted: the request is no longer open.
        Map<String, Object> proposed = api().post("/api/matches", makelaar,
                Map.of("requestId", request, "helperId", ok.participantId()));
        assertThat(reasonCodes(api().get(base + ok.participantId(), makelaar))).containsExactly("PROPOSED");
        api().post("/api/matches/" + Fixtures.number(proposed.get("id")) + "/accept", ok, Map.of());
        api().fails(() -> api().get(base + ok.participantId(), makelaar)).isProblem(409);
    }
}
