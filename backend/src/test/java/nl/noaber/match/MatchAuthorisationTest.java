package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every match endpoint: no token 401; a resident outside the match 404 (the match looks missing);
 * a party or role that may see it but not do this 403. Checks of who may do what come before
 * checks of state, so these hold whatever state the match is in.
 */
@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class MatchAuthorisationTest extends MatchTestSupport {
    static final String TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();

    Person anna;
    Person bram;
    Person stranger;
    Person makelaar;
    long request;
    long proposed;
    long active;
    long report;

    /** One set-up for the whole class: nothing below changes it. */
    @BeforeEach
    void setUp() {
        if (anna != null) {
            return;
        }
        anna = api().residentAt("Anna", LAT, LON);
        bram = api().residentAt("Bram", LAT + 0.002, LON);
        stranger = api().residentAt("Vreemde", LAT + 0.003, LON);
        makelaar = api().staff("MAKELAAR");
        request = api().request(anna, "SHOPPING", "Boodschappen");
        proposed = id(propose(anna, request, bram.participantId()));
        active = id(propose(anna, api().request(anna, "GARDEN", "Tuin"), bram.participantId()));
        act(active, "accept", bram);
        report = id(act(active, "reports", anna, Map.of("text", "Iets om te melden")));
    }

    private void status(int expected, Executable call) {
        api().fails(call).isProblem(expected);
    }

    private void forbidden(String rule, Executable call) {
        assertThat(api().fails(call).isProblem(403).type()).endsWith("/" + rule);
    }

    private String path(long id, String action) {
        return "/api/matches/" + id + (action.isEmpty() ? "" : "/" + action);
    }

    @Test
    void proposing() {
        status(401, () -> propose(null, request, bram.participantId()));
        // Unknown (or non-request) ids are missing; a neighbour offers only themself.
        status(404, () -> propose(stranger, 99_999_999L, null));
        forbidden("propose-yourself", () -> propose(stranger, request, bram.participantId()));
    }

    @Test
    void reading() {
        status(401, () -> match(proposed, null));
        status(404, () -> match(proposed, stranger));
        status(404, () -> match(99_999_999L, anna));
        status(404, () -> match(99_999_999L, makelaar));
        // Both parties and staff read it (there is no 403 case).
        assertThat(match(proposed, anna).get("yourSide")).isEqualTo("REQUESTER");
        assertThat(match(proposed, bram).get("yourSide")).isEqualTo("HELPER");
        assertThat(match(proposed, makelaar).get("yourSide")).isEqualTo("MAKELAAR");
    }

    @Test
    void accepting() {
        status(401, () -> act(proposed, "accept", null));
        status(404, () -> act(proposed, "accept", stranger));
        forbidden("other-side-decides", () -> act(proposed, "accept", anna));
    }

    @Test
    void declining() {
        status(401, () -> act(proposed, "decline", null));
        status(404, () -> act(proposed, "decline", stranger));
        forbidden("other-side-decides", () -> act(proposed, "decline", anna));
    }

    @Test
    void withdrawing() {
        status(401, () -> act(proposed, "withdraw", null));
        status(404, () -> act(proposed, "withdraw", stranger));
        forbidden("proposer-withdraws", () -> act(proposed, "withdraw", bram));
    }

    @Test
    void completingAndCancelling() {
        // Either side and staff may end a running match: no 403 case.
        status(401, () -> act(active, "complete", null));
        status(404, () -> act(active, "complete", stranger));
        status(401, () -> act(active, "cancel", null, Map.of("reason", "weg")));
        status(404, () -> act(active, "cancel", stranger, Map.of("reason", "weg")));
        assertThat(match(active, anna).get("status")).isEqualTo("ACTIVE");
    }

    @Test
    void occurrences() {
        status(401, () -> act(active, "occurrences", null, Map.of("date", TODAY)));
        status(404, () -> act(active, "occurrences", stranger, Map.of("date", TODAY)));
        status(401, () -> api().getList(path(active, "occurrences"), null));
        status(404, () -> api().getList(path(active, "occurrences"), stranger));
    }

    @Test
    void thanks() {
        status(401, () -> act(active, "thanks", null, Map.of("message", "dank")));
        status(404, () -> act(active, "thanks", stranger, Map.of("message", "dank")));
        forbidden("requester-only", () -> act(active, "thanks", bram, Map.of("message", "dank")));
    }

    @Test
    void feedbackAndReports() {
        status(401, () -> act(active, "feedback", null, Map.of("text", "goed")));
        status(404, () -> act(active, "feedback", stranger, Map.of("text", "goed")));
        forbidden("parties-only", () -> act(active, "feedback", makelaar, Map.of("text", "goed")));
        status(401, () -> act(active, "reports", null, Map.of("text", "probleem")));
        status(404, () -> act(active, "reports", stranger, Map.of("text", "probleem")));
        forbidden("parties-only", () -> act(active, "reports", makelaar, Map.of("text", "probleem")));
    }

    @Test
    void notes() {
        status(401, () -> api().getList(path(active, "notes"), null));
        status(404, () -> api().getList(path(active, "notes"), stranger));
        forbidden("staff-only", () -> api().getList(path(active, "notes"), anna));
        forbidden("staff-only", () -> api().getList(path(active, "notes"), bram));
        assertThat(api().getList(path(active, "notes"), makelaar)).isNotEmpty();
    }

    @Test
    void blocking() {
        status(401, () -> act(active, "block", null));
        status(404, () -> act(active, "block", stranger));
        forbidden("parties-only", () -> act(active, "block", makelaar));
        status(401, () -> act(active, "unblock", null));
        status(404, () -> act(active, "unblock", stranger));
        forbidden("parties-only", () -> act(active, "unblock", makelaar));
        assertThat(match(active, anna).get("status")).isEqualTo("ACTIVE");
    }

    @Test
    void myMatchesAndThanksAreForResidents() {
        status(401, () -> api().getItems("/api/me/matches", null));
        status(403, () -> api().getItems("/api/me/matches", makelaar));
        status(401, () -> api().getItems("/api/me/thanks", null));
        status(403, () -> api().getItems("/api/me/thanks", makelaar));
        // A stranger's list simply does not hold other people's matches.
        assertThat(api().getItems("/api/me/matches", stranger)).isEmpty();
    }

    @Test
    void theReportQueueIsForStaff() {
        status(401, () -> api().getItems("/api/match-reports", null));
        status(403, () -> api().getItems("/api/match-reports", anna));
        status(401, () -> api().post("/api/match-reports/" + report + "/handled", null, Map.of()));
        status(403, () -> api().post("/api/match-reports/" + report + "/handled", anna, Map.of()));
        status(403, () -> api().post("/api/match-reports/" + report + "/handled", bram, Map.of()));
        status(404, () -> api().post("/api/match-reports/99999999/handled", makelaar, Map.of()));
        assertThat(api().getItems("/api/match-reports?open=true", api().coordinator())).isNotEmpty();
        // A bad flag is a 400, not a silent "all".
        api().fails(() -> api().exchange(HttpRequest.GET("/api/match-reports?open=perhaps"), makelaar)).isProblem(400).names("open", "OneOf");
    }
}
