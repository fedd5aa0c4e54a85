package nl.noaber.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Failure;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * What the framework itself refuses (values not of their type, bodies that are not JSON or do not
 * fit, unknown properties, missing bodies) and text with control characters: each a 400 problem
 * that names the field and the rule, as our own refusals do.
 */
@MicronautTest(environments = "test", transactional = false)
class BadInputTest extends IntegrationTest {
    static final double LAT = 52.3791, LON = 4.6412;

    private Failure post(String path, Person who, String json) {
        return api().fails(() -> api().exchange(HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON), who));
    }

    private Failure put(String path, Person who, String json) {
        return api().fails(() -> api().exchange(HttpRequest.PUT(path, json).contentType(MediaType.APPLICATION_JSON), who));
    }

    @Test
    void queryAndPathValuesOfTheWrongTypeNameTheirField() {
        Person anna = api().residentAt("Anna Typefout", LAT, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        Person makelaar = api().staff("MAKELAAR");
        for (String limit : new String[] {"abc", "99999999999", "1.5"}) {
            Failure f = api().fails(() -> api().get("/api/requests/" + request + "/helpers?limit=" + limit, anna)).isProblem(400)
                    .names("limit", "Type");
            assertThat(f.type()).endsWith("/invalid-input");
            assertThat(String.valueOf(f.problem())).doesNotContain("java.").doesNotContain("Failed to convert");
        }
        api().fails(() -> api().get("/api/requests/abc", anna)).isProblem(400).names("id", "Type");
        api().fails(() -> api().get("/api/matches/abc", anna)).isProblem(400).names("id", "Type");
        api().fails(() -> api().get("/api/matching/plan?lat=abc&lon=4.6&radius=1000", makelaar)).isProblem(400).names("lat", "Type");
        api().fails(() -> api().get("/api/matching/plan?neighbourhood=abc", makelaar)).isProblem(400).names("neighbourhood", "Type");
        api().fails(() -> api().get("/api/requests/nearby?lat=52.38&lon=x", anna)).isProblem(400).names("lon", "Type");
    }

    /** Every matching endpoint's query values out of their range, each named with its rule. */
    @Test
    void theMatchingEndpointsNameEveryValueOutOfRange() {
        Person anna = api().residentAt("Anna Bereik", LAT, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        Person makelaar = api().staff("MAKELAAR");
        for (String path : List.of("/api/requests/" + request + "/helpers", "/api/requests/" + request + "/reciprocity",
                "/api/me/suggested-requests")) {
            for (String limit : List.of("0", "-1", "101")) {
                api().fails(() -> api().get(path + "?limit=" + limit, anna)).isProblem(400).names("limit", "Range");
            }
        }
        api().fails(() -> api().get("/api/participants/" + anna.participantId() + "/suggested-requests?limit=101", makelaar))
                .isProblem(400).names("limit", "Range");
        String plan = "/api/matching/plan?";
        for (String radius : List.of("0", "-5", "99", "50001")) {
            api().fails(() -> api().get(plan + "lat=52.38&lon=4.64&radius=" + radius, makelaar)).isProblem(400).names("radius", "Range");
        }
        api().fails(() -> api().get(plan + "lat=52.38&radius=1000", makelaar)).isProblem(400).names("lon", "NotNull");
        api().fails(() -> api().get(plan + "lat=91&lon=4.64&radius=1000", makelaar)).isProblem(400).names("lat", "Range");
        api().fails(() -> api().get(plan + "lat=52.38&lon=-180.5&radius=1000", makelaar)).isProblem(400).names("lon", "Range");
        api().fails(() -> api().get(plan + "lat=NaN&lon=4.64&radius=1000", makelaar)).isProblem(400).names("lat", "Range");
        api().fails(() -> api().get(plan + "lat=52.38&lon=Infinity&radius=1000", makelaar)).isProblem(400).names("lon", "Range");
        api().fails(() -> api().put("/api/requests/" + request + "/search-radius", makelaar, Map.of("searchRadiusMetres", 50_001)))
                .isProblem(400).names("searchRadiusMetres", "Max");
    }

    /** The texts of the match lifecycle beyond their length, each named. */
    @Test
    void theLifecycleNamesEveryTextBeyondItsLength() {
        Person anna = api().residentAt("Anna Lengte", LAT, LON);
        Person bram = api().residentAt("Bram Lengte", LAT + 0.002, LON);
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        Map<String, Object> explained = new HashMap<>(Map.of("requestId", request, "helperId", bram.participantId(),
                "explanation", "x".repeat(2001)));
        api().fails(() -> api().post("/api/matches", makelaar, explained)).isProblem(400).names("explanation", "Size");
        long match = Fixtures.number(api().post("/api/matches", anna,
                Map.of("requestId", request, "helperId", bram.participantId())).get("id"));
        api().fails(() -> api().post("/api/matches/" + match + "/decline", bram, Map.of("reason", "x".repeat(501))))
                .isProblem(400).names("reason", "Size");
        api().fails(() -> api().post("/api/matches/" + match + "/withdraw", anna, Map.of("reason", "x".repeat(501))))
                .isProblem(400).names("reason", "Size");
        api().post("/api/matches/" + match + "/accept", bram, Map.of());
        api().fails(() -> api().post("/api/matches/" + match + "/feedback", bram, Map.of("text", "x".repeat(1001))))
                .isProblem(400).names("text", "Size");
        api().fails(() -> api().post("/api/matches/" + match + "/cancel", bram, Map.of())).isProblem(400).names("reason", "NotBlank");
        // Nothing of it was written: the match runs, with no notes.
        assertThat(api().get("/api/matches/" + match, anna)).containsEntry("status", "ACTIVE");
        assertThat(api().getList("/api/matches/" + match + "/notes", makelaar)).isEmpty();
    }

    @Test
    void aPlanForANeighbourhoodThatDoesNotExistIsRefusedNotEmpty() {
        Person makelaar = api().staff("MAKELAAR");
        api().fails(() -> api().get("/api/matching/plan?neighbourhood=999999999", makelaar)).isProblem(422)
                .names("neighbourhood", "unknown-neighbourhood");
    }

    /**
     * A coordinate finer than any address (1e-320 is a subnormal number) is kept to 7 decimals: stored as
     * sent, the database's trigonometry refused it (an underflow), and every ranking and plan that came
     * near the place answered 500.
     */
    @Test
    void coordinatesFinerThanACentimetreAreKeptToSevenDecimals() {
        Person tiny = api().residentAt("Nul Punt", 4.9e-324, 1e-320);
        Map<String, Object> home = api().get("/api/me/profile", tiny);
        assertThat(home.get("home").toString()).contains("lat=0.0").contains("lon=0.0");
        api().put("/api/me/home", tiny, Map.of("lat", 52.38123456789, "lon", 4.63699999999));
        assertThat(api().get("/api/me/profile", tiny).get("home").toString()).contains("lat=52.3812346").contains("lon=4.637");
        Map<String, Object> body = Fixtures.oneOff("SHOPPING", "Boodschappen op de evenaar");
        body.put("place", Map.of("lat", 1e-320, "lon", -1e-320));
        long request = Fixtures.number(api().post("/api/requests", tiny, body).get("id"));
        Person makelaar = api().staff("MAKELAAR");
        assertThat(api().get("/api/requests/" + request + "/helpers", makelaar)).containsKey("candidates");
        assertThat(api().get("/api/matching/plan?lat=0&lon=0&radius=1000", makelaar).toString()).contains("Boodschappen op de evenaar");
        api().post("/api/requests/" + request + "/withdraw", tiny, Map.of());
    }

    @Test
    void bodiesThatAreNotJsonOrDoNotFitAreRefusedByName() throws Exception {
        Person anna = api().residentAt("Anna Lichaam", LAT, LON);
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        Person bram = api().residentAt("Bram Lichaam", LAT + 0.002, LON);
        post("/api/matches", bram, "{\"requestId\": ").isProblem(400).names("body", "Json");
        post("/api/matches", bram, "{\"requestId\": 1, \"helperId\": 2,, }").isProblem(400).names("body", "Json");
        // A value of the wrong type is named by its property, found in the body where the decoder stopped.
        Failure wrongType = post("/api/matches", bram, "{\"requestId\": \"abc\"}").isProblem(400).names("requestId", "Type");
        assertThat((String) wrongType.problem().get("detail")).contains("Long").contains("column").doesNotContain("java.lang");
        // A fraction for an id is refused, not cut to another id; a whole number written with ".0" is the number.
        Failure fraction = post("/api/matches", bram, "{\"requestId\": " + request + ".7}").isProblem(400).names("requestId", "Type");
        assertThat((String) fraction.problem().get("detail")).contains("whole number").doesNotContain("java.");
        post("/api/matches", bram, "{\"requestId\": 1e30}").isProblem(400).names("requestId", "Type");
        // Numbers whose exponent is huge are refused in a few words: written out plainly, 1e999999999 is a
        // billion digits, and the server ran out of memory writing it into the message.
        for (String huge : new String[] {"1e999999999", "-1E+999999999", "1e9999999", "1e-999999999", "12345.6789e-999999990"}) {
            Failure refused = post("/api/matches", bram, "{\"requestId\": " + huge + "}").isProblem(400).names("requestId", "Type");
            assertThat((String) refused.problem().get("detail")).as(huge).hasSizeLessThan(300).contains("whole number");
            put("/api/me/profile", anna, "{\"displayName\": \"Anna Lichaam\", \"capacity\": " + huge + "}")
                    .isProblem(400).names("capacity", "Type");
        }
        post("/api/matches", bram, "{\"requestId\": " + request + ", \"helperId\": " + bram.participantId() + ".5}")
                .isProblem(400).names("helperId", "Type");
        Map<String, Object> before = api().get("/api/me/profile", anna);
        for (String[] json : new String[][] {
                {"{\"displayName\": \"Anna Lichaam\", \"travelRadiusMetres\": 2000, \"capacity\": 2.5}", "capacity"},
                {"{\"displayName\": \"Anna Lichaam\",\n \"travelRadiusMetres\": 2500.5}", "travelRadiusMetres"}}) {
            assertThat((String) put("/api/me/profile", anna, json[0]).isProblem(400).names(json[1], "Type").problem().get("detail"))
                    .contains("whole number");
        }
        // Down into objects and lists, and for values the decoder names rather than places.
        String listing = "{\"category\": \"SHOPPING\", \"title\": \"x\", \"schedule\": %s}";
        post("/api/requests", anna, listing.formatted("{\"type\": \"WEEKLY\"}")).isProblem(400).names("schedule.type", "Type");
        post("/api/requests", anna, listing.formatted("{\"type\": \"RECURRING\", \"frequency\": \"WEEKLY\", \"days\": [\"MON\", \"DINSDAG\"]}"))
                .isProblem(400).names("schedule.days[1]", "Type");
        post("/api/requests", anna, listing.formatted("{\"type\": \"ONE_OFF\", \"startsAt\": \"morgen\", \"endsAt\": \"2030-01-01T10:00:00Z\"}"))
                .isProblem(400).names("schedule.startsAt", "Type");
        post("/api/requests", anna, "{\"category\": \"SHOPPING\", \"title\": {\"nl\": \"x\"}, \"schedule\": {\"type\": \"ONE_OFF\"}}")
                .isProblem(400).names("title", "Type");
        post("/api/requests", anna, "{\"category\": \"SHOPPING\", \"title\": \"x\", \"place\": {\"lat\": \"noord\", \"lon\": 4.6}, "
                + "\"schedule\": {\"type\": \"ONE_OFF\"}}").isProblem(400).names("place.lat", "Type");
        post("/api/accounts", api().coordinator(), "{\"email\": \"baas@noaber.nl\", \"password\": \"Sterk-Wachtwoord-1\", \"role\": \"BAAS\"}")
                .isProblem(400).names("role", "Type");
        assertThat(api().get("/api/me/profile", anna)).isEqualTo(before);
        // A property the endpoint does not take is refused, never dropped.
        post("/api/matches", anna, "{\"requestId\": " + request + ", \"helperID\": " + bram.participantId() + "}")
                .isProblem(400).names("helperID", "Unknown");
        post("/api/matches/1/cancel", anna, "").isProblem(400).names("body", "NotNull");
        assertThat(api().getRaw("/api/requests/" + request + "/helpers", anna)).isNotEmpty();
        try (var c = nl.noaber.support.TestDatabase.connect()) {
            assertThat(nl.noaber.support.TestDatabase.query(c, "SELECT count(*) FROM match WHERE request_id = ?", request)).isZero();
        }

        // A resident sending back the listing they read, with a misspelt radius, is refused; sent back
        // as read, it is taken (its read-only parts passed over).
        Map<String, Object> mine = new HashMap<>(api().get("/api/requests/" + request, anna));
        mine.put("searchRadiusMetres", 2500);
        assertThat(api().put("/api/requests/" + request, anna, mine)).containsEntry("searchRadiusMetres", 2500);
        mine.remove("searchRadiusMetres");
        mine.put("searchRadiusMeters", 4000);
        api().fails(() -> api().put("/api/requests/" + request, anna, mine)).isProblem(400).names("searchRadiusMeters", "Unknown");
        assertThat(api().get("/api/requests/" + request, anna)).containsEntry("searchRadiusMetres", 2500);
        Map<String, Object> profile = new HashMap<>(api().get("/api/me/profile", anna));
        profile.put("phoneNumber", "023 511 5115");
        api().fails(() -> api().put("/api/me/profile", anna, profile)).isProblem(400).names("phoneNumber", "Unknown");

        // A makelaar who misspells the search radius does not clear it.
        Person makelaar = api().staff("MAKELAAR");
        api().put("/api/requests/" + request + "/search-radius", makelaar, Map.of("searchRadiusMetres", 3000));
        put("/api/requests/" + request + "/search-radius", makelaar, "{\"searchRadiusMeters\": 5000}")
                .isProblem(400).names("searchRadiusMeters", "Unknown");
        assertThat(api().get("/api/requests/" + request, anna)).containsEntry("searchRadiusMetres", 3000);
    }

    @Test
    void textWithControlCharactersIsRefusedBeforeItIsStored() {
        Person anna = api().residentAt("Anna Tekens", LAT, LON);
        Person bram = api().residentAt("Bram Tekens", LAT + 0.002, LON);
        Map<String, Object> listing = new HashMap<>(Fixtures.oneOff("SHOPPING", "Boodschappen\u0000"));
        api().fails(() -> api().post("/api/requests", anna, listing)).isProblem(400).names("title", "PlainText");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        long match = Fixtures.number(api().post("/api/matches", anna,
                Map.of("requestId", request, "helperId", bram.participantId())).get("id"));
        api().post("/api/matches/" + match + "/accept", bram, Map.of());
        // One U+0001 passes @NotBlank and trims to nothing; a NUL cannot be stored at all (was a 500).
        for (String bad : new String[] {"\u0001", "Dank\u0000je"}) {
            api().fails(() -> api().post("/api/matches/" + match + "/thanks", anna, Map.of("message", bad)))
                    .isProblem(400).names("message", "PlainText");
            api().fails(() -> api().post("/api/matches/" + match + "/feedback", bram, Map.of("text", bad)))
                    .isProblem(400).names("text", "PlainText");
            api().fails(() -> api().post("/api/matches/" + match + "/reports", bram, Map.of("text", bad)))
                    .isProblem(400).names("text", "PlainText");
            api().fails(() -> api().post("/api/matches/" + match + "/cancel", bram, Map.of("reason", bad)))
                    .isProblem(400).names("reason", "PlainText");
        }
        // Nor in what is looked up: an email or postcode with a NUL was a 500 from the database.
        api().fails(() -> api().post("/api/auth/login", null, Map.of("email", "a\u0000@b.nl", "password", "x")))
                .isProblem(400).names("email", "PlainText");
        api().fails(() -> api().put("/api/me/home", anna, Map.of("postcode", "2011\u0000AB", "houseNumber", "1")))
                .isProblem(400).names("postcode", "PlainText");
        // Tabs and line breaks are text.
        assertThat(api().post("/api/matches/" + match + "/reports", bram, Map.of("text", "Eerste regel\nTweede\tregel")))
                .isNotNull();
        assertThat(api().get("/api/matches/" + match, anna)).containsEntry("status", "ACTIVE");
    }

    /**
     * A list of 10,000 wrong elements breaks 10,001 rules; the refusal lists the list's own rule and
     * the first elements in index order (a megabyte of field errors before, found by fuzzing) and
     * counts them all in its detail.
     */
    @Test
    void aLongListOfWrongElementsIsRefusedInAFewLines() {
        Person anna = api().residentAt("Anna Lijst", LAT, LON);
        Map<String, Object> profile = new HashMap<>(Map.of("displayName", "Anna Lijst", "skills", List.of("SHOPPING"),
                "languages", java.util.Collections.nCopies(10_000, "x"), "availability", List.of("TUE_MORNING"),
                "travelRadiusMetres", 1500, "contactChannels", List.of("PHONE"), "preferredLanguage", "nl"));
        Failure refused = api().fails(() -> api().put("/api/me/profile", anna, profile))
                .isProblem(400).names("languages", "Size").names("languages[0]", "Pattern");
        List<?> errors = (List<?>) refused.problem().get("errors");
        assertThat(errors).hasSize(Problem.MAX_LISTED_ERRORS);
        assertThat(errors.stream().map(e -> (String) ((Map<?, ?>) e).get("field")).toList())
                .startsWith("languages", "languages[0]", "languages[1]", "languages[2]");
        assertThat(refused.problem().get("detail")).isEqualTo("10001 fields are invalid; the first 50 are listed");
        // A few wrong values are listed one by one, as before.
        profile.put("languages", List.of("x", "y"));
        Failure two = api().fails(() -> api().put("/api/me/profile", anna, profile))
                .isProblem(400).names("languages[0]", "Pattern").names("languages[1]", "Pattern");
        assertThat(two.problem().get("detail")).isEqualTo("2 fields are invalid");
    }

    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    /**
     * A body that arrives after its headers, in pieces (a slow phone, a large body): the wrong value is
     * named as when it comes in one piece. The first version read a copy of the body that is at hand
     * only when the body came with the headers, and answered {@code body}/{@code Json} otherwise.
     */
    @Test
    void aBodyThatArrivesInPiecesIsNamedAlike() throws Exception {
        Person anna = api().residentAt("Anna Traag", LAT, LON);
        String json = "{\"category\": \"SHOPPING\", \"title\": \"x\", \"schedule\": "
                + "{\"type\": \"ONE_OFF\", \"startsAt\": \"morgen\", \"endsAt\": \"2030-01-01T10:00:00Z\"}}";
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int round = 0; round < 3; round++) {
            assertThat(overOneSocket("POST", "/api/requests", anna, body, 40)).startsWith("HTTP/1.1 400")
                    .contains("application/problem+json")
                    .contains("\"field\":\"schedule.startsAt\"").contains("\"rule\":\"Type\"");
        }
        // And whichever thread the server's decoder fails on: the same answer every time.
        String listing = "{\"category\": \"SHOPPING\", \"title\": \"x\", \"schedule\": %s}";
        for (int round = 0; round < 40; round++) {
            post("/api/requests", anna, listing.formatted("{\"type\": \"WEEKLY\"}")).isProblem(400).names("schedule.type", "Type");
            post("/api/requests", anna, json).isProblem(400).names("schedule.startsAt", "Type");
        }
    }

    /** A body larger than the server takes (20 MB) is refused with a problem, as every refusal is. */
    @Test
    void aBodyLargerThanTheServerTakesIs413() throws Exception {
        Person anna = api().residentAt("Anna Groot", LAT, LON);
        byte[] body = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThat(overOneSocket("PUT", "/api/me/profile", anna, body, body.length))
                .startsWith("HTTP/1.1 413").contains("application/problem+json");
    }

    /**
     * One request over a socket of its own, as a slow client sends it: the headers, then the body
     * up to {@code firstPiece}, then the rest, each a moment after the other. The server may answer
     * and close before the whole body is sent. Returns the raw response.
     */
    private String overOneSocket(String method, String path, Person who, byte[] body, int firstPiece) throws Exception {
        try (var socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + who.accessToken() + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try {
                out.flush();
                Thread.sleep(100);
                out.write(body, 0, firstPiece);
                out.flush();
                Thread.sleep(100);
                out.write(body, firstPiece, body.length - firstPiece);
                out.flush();
            } catch (java.io.IOException refusedMidway) {
                // Answered already; the response says how.
            }
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
