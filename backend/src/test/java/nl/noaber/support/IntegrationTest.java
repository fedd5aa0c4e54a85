package nl.noaber.support;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP integration tests: the app on a random port against the real database of
 * {@link TestDatabase}, and {@link #api} to make "a resident in Parkwijk" in one line. Test
 * classes annotate themselves with {@code @MicronautTest(environments = "test", transactional = false)}.
 * Tests never clean the database: each makes its own people with unique emails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    protected HttpClient http;

    private Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new java.util.HashMap<>();
        TestDatabase.properties().forEach((k, v) -> props.put(k, v.toString()));
        return props;
    }

    protected Fixtures api() {
        if (fixtures == null) {
            fixtures = new Fixtures(http.toBlocking());
        }
        return fixtures;
    }

    // --- matches, as the match and notification tests make them ---------------------------

    /** A proposal: by the requester or a makelaar naming the helper, or by a helper for themself (null). */
    protected Map<String, Object> propose(Fixtures.Person who, long requestId, Long helperId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("requestId", requestId);
        if (helperId != null) {
            body.put("helperId", helperId);
        }
        return api().post("/api/matches", who, body);
    }

    protected Map<String, Object> act(long matchId, String action, Fixtures.Person who) {
        return act(matchId, action, who, Map.of());
    }

    protected Map<String, Object> act(long matchId, String action, Fixtures.Person who, Map<String, ?> body) {
        return api().post("/api/matches/" + matchId + "/" + action, who, body);
    }

    protected static long id(Map<?, ?> json) {
        return Fixtures.number(json.get("id"));
    }
}
