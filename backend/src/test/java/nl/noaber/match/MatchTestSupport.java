package nl.noaber.match;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;

/** Shared set-ups of the match tests: everything over HTTP, the database only to look or to age a match. */
abstract class MatchTestSupport extends IntegrationTest {
    // Parkwijk, Haarlem
    static final double LAT = 52.3760, LON = 4.6673;

    @Inject
    Db db;

    Map<String, Object> match(long matchId, Person who) {
        return api().get("/api/matches/" + matchId, who);
    }

    String requestStatus(long requestId, Person owner) {
        return (String) api().get("/api/requests/" + requestId, owner).get("status");
    }

    long recurringRequest(Person who, String category, String title) {
        Map<String, Object> body = new HashMap<>(Fixtures.oneOff(category, title));
        body.put("schedule", Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", List.of("TUE"),
                "partsOfDay", List.of("MORNING"), "startsOn", "2026-01-06"));
        return Fixtures.number(api().post("/api/requests", who, body).get("id"));
    }

    /** A participant without an account, as a makelaar registers them (that tool comes later). */
    long offlineParticipant(String name) {
        return db.one("INSERT INTO participant (display_name, phone, contact_channels) VALUES (?, '023 000 1122', '{PHONE}') "
                + "RETURNING id", ps -> ps.setString(1, name), rs -> rs.getLong(1)).orElseThrow();
    }

    long count(String sql, long param) {
        return db.one(sql, ps -> ps.setLong(1, param), rs -> rs.getLong(1)).orElseThrow();
    }

    void setParticipant(long participantId, String column, Object value) {
        db.update("UPDATE participant SET " + column + " = ? WHERE id = ?", ps -> {
            ps.setObject(1, value);
            ps.setLong(2, participantId);
        });
    }

    static List<String> timeline(Map<?, ?> match) {
        List<String> steps = new ArrayList<>();
        for (Object o : (List<?>) match.get("timeline")) {
            Map<?, ?> e = (Map<?, ?>) o;
            steps.add(e.get("actorSide") + ":" + e.get("from") + "->" + e.get("to"));
        }
        return steps;
    }

    /** Every key anywhere in a JSON tree. */
    static List<String> keys(Object json) {
        List<String> out = new ArrayList<>();
        collect(json, out);
        return out;
    }

    private static void collect(Object json, List<String> out) {
        if (json instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                out.add(String.valueOf(entry.getKey()));
                collect(entry.getValue(), out);
            }
        } else if (json instanceof List<?> list) {
            list.forEach(item -> collect(item, out));
        }
    }

    static void assertRule(Fixtures.Failure failure, String field, String rule) {
        failure.names(field, rule);
        assertThat(failure.type()).endsWith("/" + rule);
    }
}
