package nl.noaber.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two backend instances on one database behave as one: nothing a second instance needs lives in
 * one instance's memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {
    EmbeddedServer first;
    EmbeddedServer second;
    HttpClient firstClient;
    HttpClient secondClient;
    Fixtures a;
    Fixtures b;

    @BeforeAll
    void start() {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("micronaut.server.port", -1);
        first = ApplicationContext.run(EmbeddedServer.class, props, "test");
        second = ApplicationContext.run(EmbeddedServer.class, props, "test");
        firstClient = HttpClient.create(first.getURL());
        secondClient = HttpClient.create(second.getURL());
        a = new Fixtures(firstClient.toBlocking());
        b = new Fixtures(secondClient.toBlocking());
    }

    @AfterAll
    void stop() {
        firstClient.close();
        secondClient.close();
        first.close();
        second.close();
    }

    @Test
    void failedLoginsOnBothInstancesAddUpToOneLock() {
        Person p = a.resident("Tweeling");
        for (int i = 0; i < 5; i++) {
            Fixtures on = i % 2 == 0 ? a : b;
            on.fails(() -> on.post("/api/auth/login", null, Map.of("email", p.email(), "password", "Fout-wachtwoord-9")))
                    .isProblem(401);
        }
        a.fails(() -> a.post("/api/auth/login", null, Map.of("email", p.email(), "password", p.password()))).isProblem(429);
        b.fails(() -> b.post("/api/auth/login", null, Map.of("email", p.email(), "password", p.password()))).isProblem(429);
    }

    @Test
    void aRefreshTokenRotatedOnOneInstanceIsSpentOnTheOther() {
        Person p = a.resident("Roulatie");
        Map<String, Object> rotated = a.post("/api/auth/refresh", null, Map.of("refreshToken", p.refreshToken()));
        // The old token on the other instance: reuse, and the session ends on both.
        b.fails(() -> b.post("/api/auth/refresh", null, Map.of("refreshToken", p.refreshToken()))).isProblem(401);
        a.fails(() -> a.post("/api/auth/refresh", null, Map.of("refreshToken", rotated.get("refreshToken")))).isProblem(401);

        Person q = b.resident("Wissel");
        Map<String, Object> next = b.post("/api/auth/refresh", null, Map.of("refreshToken", q.refreshToken()));
        Map<String, Object> again = a.post("/api/auth/refresh", null, Map.of("refreshToken", next.get("refreshToken")));
        Person renewed = new Person(q.accountId(), q.participantId(), q.email(), q.password(),
                (String) again.get("accessToken"), (String) again.get("refreshToken"));
        assertThat(b.get("/api/me/profile", renewed).get("displayName")).isEqualTo("Wissel");
        // Logging out on one instance ends the session on the other.
        a.exchange(io.micronaut.http.HttpRequest.POST("/api/auth/logout", ""), renewed);
        b.fails(() -> b.get("/api/me/profile", renewed)).isProblem(401);
    }
}
