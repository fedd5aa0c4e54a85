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
        // Logging out on one instance ends the session there at once, and on the other as soon as
        // the database's notification arrives (the other instance had the session in its cache).
        a.exchange(io.micronaut.http.HttpRequest.POST("/api/auth/logout", ""), renewed);
        a.fails(() -> a.get("/api/me/profile", renewed)).isProblem(401);
        assertRefusedSoon(b, renewed);
    }

    @Test
    void disablingAnAccountOnOneInstanceEndsItsSessionsOnTheOther() {
        Person p = b.resident("Uitgezet");
        assertThat(b.get("/api/me/profile", p).get("displayName")).isEqualTo("Uitgezet");
        assertThat(b.get("/api/me/profile", p).get("displayName")).isEqualTo("Uitgezet");
        a.post("/api/accounts/" + p.accountId() + "/disable", a.coordinator(), Map.of());
        assertRefusedSoon(b, p);
    }

    @Test
    void aSessionEndedInTheDatabaseDirectlyIsRefusedByBothInstances() throws Exception {
        Person p = a.resident("Rechtstreeks");
        assertThat(a.get("/api/me/profile", p).get("displayName")).isEqualTo("Rechtstreeks");
        assertThat(b.get("/api/me/profile", p).get("displayName")).isEqualTo("Rechtstreeks");
        // Not through the app: a coordinator's SQL, say. The database's trigger still tells both.
        try (var c = TestDatabase.connect();
             var ps = c.prepareStatement("UPDATE auth_session SET revoked_at = now(), revoked_reason = 'test' WHERE account_id = ?")) {
            ps.setLong(1, p.accountId());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertRefusedSoon(a, p);
        assertRefusedSoon(b, p);
    }

    @Test
    void withoutNotificationsAnInstanceAsksTheDatabaseAgain() throws Exception {
        Person p = a.resident("Storing");
        assertThat(b.get("/api/me/profile", p).get("displayName")).isEqualTo("Storing");
        SessionCache cache = second.getApplicationContext().getBean(SessionCache.class);
        assertThat(cache.listening()).isTrue();
        assertThat(cache.knownLive(sessionOf(p), p.accountId())).isTrue();
        // The listening connection drops: what the instance knew is forgotten, and it listens again.
        cache.breakConnection();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (cache.knownLive(sessionOf(p), p.accountId()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cache.knownLive(sessionOf(p), p.accountId())).isFalse();
        while (!cache.listening() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cache.listening()).as("listening again").isTrue();
        // And it still serves, from the database, then from its copy.
        assertThat(b.get("/api/me/profile", p).get("displayName")).isEqualTo("Storing");
        assertThat(cache.knownLive(sessionOf(p), p.accountId())).isTrue();
        a.exchange(io.micronaut.http.HttpRequest.POST("/api/auth/logout", ""), p);
        assertRefusedSoon(b, p);
    }

    /** The session id inside a test person's access token. */
    private static java.util.UUID sessionOf(Person p) {
        String payload = p.accessToken().split("\\.")[1];
        Map<String, Object> claims = Fixtures.parse(new String(java.util.Base64.getUrlDecoder().decode(payload),
                java.nio.charset.StandardCharsets.UTF_8));
        return java.util.UUID.fromString((String) claims.get(CurrentUser.SESSION_CLAIM));
    }

    /**
     * The instance refuses the person's token within two seconds (in practice a few milliseconds:
     * the time for the database's notification to arrive).
     */
    private static void assertRefusedSoon(Fixtures api, Person p) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                api.get("/api/me/profile", p);
            } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(401);
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        api.fails(() -> api.get("/api/me/profile", p)).isProblem(401);
    }
}
