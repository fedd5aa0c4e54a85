package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * The lists that grow with time come in pages: a participant's matches and thanks (newest first) and
 * the makelaars' problem reports (oldest first), each page after the last item of the one before
 * (time, then id), so that nothing repeats or slips through when items are written in between.
 */
@MicronautTest(environments = "test", transactional = false)
class MatchPagingTest extends MatchTestSupport {

    @Test
    void myMatchesComeInPagesNewestFirstEvenWhenTheirTimesAreEqual() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.001, LON);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(id(propose(bram, api().request(anna, "SHOPPING", "Boodschappen " + i), null)));
        }
        // The same moment for the last four, so the id decides their order and the pages must still split
        // cleanly; the first one made comes a microsecond later, so time, not id, comes first.
        Timestamp same = Timestamp.from(Instant.parse("2026-11-20T09:00:00.123456Z"));
        db.update("UPDATE match SET proposed_at = ? WHERE requester_id = ?", ps -> {
            ps.setTimestamp(1, same);
            ps.setLong(2, anna.participantId());
        });
        db.update("UPDATE match SET proposed_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.parse("2026-11-20T09:00:00.123457Z")));
            ps.setLong(2, made.get(0));
        });
        List<Long> newestFirst = new ArrayList<>(made.subList(1, 5));
        Collections.reverse(newestFirst);
        newestFirst.add(0, made.get(0));

        Map<String, Object> first = api().get("/api/me/matches?limit=2", anna);
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.get("nextCursor")).isInstanceOf(String.class);
        // A match made between two pages is newer than the cursor: it is not on a later page, nothing repeats.
        long later = id(propose(bram, api().request(anna, "SHOPPING", "Nog een"), null));
        Map<String, Object> second = api().get("/api/me/matches?limit=2&cursor=" + cursor(first), anna);
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        Map<String, Object> third = api().get("/api/me/matches?limit=2&cursor=" + cursor(second), anna);
        assertThat(ids(third)).containsExactly(newestFirst.get(4));
        assertThat(third).doesNotContainKey("nextCursor");
        // The first page again starts with the newest; the filters hold across pages.
        assertThat(ids(api().get("/api/me/matches?limit=1", anna))).containsExactly(later);
        assertThat(all("/api/me/matches?role=requester&status=PROPOSED&limit=4", anna)).hasSize(6);
        assertThat(all("/api/me/matches?role=helper&limit=4", anna)).isEmpty();
        assertThat(all("/api/me/matches?role=helper&limit=1", bram)).containsExactly(
                later, newestFirst.get(0), newestFirst.get(1), newestFirst.get(2), newestFirst.get(3), newestFirst.get(4));
        // Without a limit: fifty, and all six fit.
        assertThat(ids(api().get("/api/me/matches", anna))).hasSize(6);
    }

    @Test
    void thanksComeInPagesNewestFirst() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.001, LON);
        List<Long> thanks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long match = id(propose(bram, api().request(anna, "SHOPPING", "Boodschappen " + i), null));
            act(match, "accept", anna);
            act(match, "complete", bram);
            thanks.add(id(act(match, "thanks", anna, Map.of("message", "Dank je wel " + i))));
        }
        Collections.reverse(thanks);
        Map<String, Object> first = api().get("/api/me/thanks?limit=2", bram);
        assertThat(ids(first)).containsExactlyElementsOf(thanks.subList(0, 2));
        Map<String, Object> second = api().get("/api/me/thanks?limit=2&cursor=" + cursor(first), bram);
        assertThat(ids(second)).containsExactly(thanks.get(2));
        assertThat(second).doesNotContainKey("nextCursor");
        assertThat(all("/api/me/thanks?limit=1", bram)).containsExactlyElementsOf(thanks);
        assertThat(all("/api/me/thanks", anna)).isEmpty();
    }

    @Test
    void theReportQueueComesInPagesOldestFirst() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.001, LON);
        long match = id(propose(bram, api().request(anna, "ODD_JOBS", "Klusje"), null));
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(id(act(match, "reports", anna, Map.of("text", "Melding " + i))));
        }
        Person makelaar = api().staff("MAKELAAR");
        // Other tests' reports share the queue: page through all of it, two at a time.
        List<Long> queue = all("/api/match-reports?open=true&limit=2", makelaar);
        long open = db.one("SELECT count(*) FROM match_note WHERE kind = 'REPORT' AND handled_at IS NULL", ps -> {},
                rs -> rs.getLong(1)).orElseThrow();
        assertThat(queue).hasSize((int) open).doesNotHaveDuplicates();
        assertThat(queue.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
        // Handled, it leaves the open queue for the handled one; the rest keep their order.
        api().post("/api/match-reports/" + mine.get(1) + "/handled", makelaar, Map.of());
        List<Long> stillOpen = new ArrayList<>(queue);
        stillOpen.remove(mine.get(1));
        assertThat(all("/api/match-reports?open=true&limit=2", makelaar)).containsExactlyElementsOf(stillOpen);
        assertThat(all("/api/match-reports?open=false&limit=100", makelaar)).contains(mine.get(1));
        assertThat(all("/api/match-reports?limit=3", makelaar)).contains(mine.get(0), mine.get(1), mine.get(2));
    }

    @Test
    void aBadLimitOrCursorIsNamed() {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person makelaar = api().staff("MAKELAAR");
        for (String path : List.of("/api/me/matches", "/api/me/thanks", "/api/match-reports")) {
            Person who = path.startsWith("/api/me") ? anna : makelaar;
            api().fails(() -> api().get(path + "?limit=0", who)).isProblem(400).names("limit", "Range");
            api().fails(() -> api().get(path + "?limit=101", who)).isProblem(400).names("limit", "Range");
            api().fails(() -> api().get(path + "?cursor=bm90LWEtY3Vyc29y", who)).isProblem(400).names("cursor", "Cursor");
            api().fails(() -> api().get(path + "?cursor=%25%25", who)).isProblem(400).names("cursor", "Cursor");
            // Well formed but beyond any time a page gives (or the database takes): still the cursor's fault.
            api().fails(() -> api().get(path + "?cursor=" + encode("+1000000-01-01T00:00:00Z/1"), who)).isProblem(400)
                    .names("cursor", "Cursor");
            api().fails(() -> api().get(path + "?cursor=" + encode("1969-12-31T23:59:59Z/1"), who)).isProblem(400)
                    .names("cursor", "Cursor");
            api().fails(() -> api().get(path + "?limit=abc", who)).isProblem(400).names("limit", "Type");
            assertThat(api().get(path + "?limit=100", who)).containsKey("items");
        }
    }

    private static String encode(String plain) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<Long> ids(Map<String, Object> page) {
        return ((List<?>) page.get("items")).stream().map(o -> Fixtures.number(((Map<?, ?>) o).get("id"))).toList();
    }

    private static String cursor(Map<String, Object> page) {
        return URLEncoder.encode((String) page.get("nextCursor"), StandardCharsets.UTF_8);
    }

    /** Every item's id, following nextCursor to the last page. */
    private List<Long> all(String path, Person who) {
        return api().getAllItems(path, who).stream().map(o -> Fixtures.number(((Map<?, ?>) o).get("id"))).toList();
    }
}
