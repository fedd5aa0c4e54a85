package nl.noaber.match;

import static nl.noaber.support.TestDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import nl.noaber.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Two writers that lock the same rows in opposite orders deadlock; PostgreSQL breaks the cycle by
 * aborting one of them. Erasing a helper locks their participant row and then the request of each
 * of their matches, while accepting that helper on a request locks the request and then the
 * helper. Here a second connection plays the accepting side, in exactly that order, so the deadlock
 * happens every time, and the erasure (which waited first, so PostgreSQL's check aborts it) must
 * still end in 204: it is run again in a new transaction ({@code @RetryOnDeadlock}), not a 500.
 */
@MicronautTest(environments = "test", transactional = false)
class DeadlockRetryTest extends IntegrationTest {
    private final Random random = new Random();

    @Test
    void anErasureThatPostgresAbortsToBreakADeadlockIsRunAgainAndSucceeds() throws Exception {
        double lat = -50 + random.nextDouble() * 100;
        double lon = -170 + random.nextDouble() * 340;
        Person requester = api().residentAt("Vrager Slot", lat, lon);
        Person helper = api().residentAt("Helper Slot", lat + 0.003, lon);
        api().put("/api/me/profile", helper, Map.of("displayName", "Helper Slot", "skills", List.of("SHOPPING"),
                "travelRadiusMetres", 3000, "preferredLanguage", "nl"));
        long request = api().request(requester, "SHOPPING", "Boodschappen, op slot");
        long match = id(propose(requester, request, helper.participantId()));
        Person coordinator = api().coordinator();

        try (Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            long deadlocksBefore = deadlocks(other);
            // The accepting side's first lock: the request.
            query(other, "SELECT id FROM listing WHERE id = ? FOR UPDATE", request);

            var erasure = CompletableFuture.supplyAsync(() -> http.toBlocking().exchange(
                    HttpRequest.POST("/api/participants/" + helper.participantId() + "/erase", Map.of())
                            .bearerAuth(coordinator.accessToken())).getStatus().getCode());
            // Wait until the erasure holds the helper's row and waits for the request.
            TestDatabase.awaitSomeoneBlockedBehind(other); // the erasure, at the request's row
            // The accepting side's second lock: the helper. PostgreSQL finds the cycle and aborts the erasure.
            query(other, "SELECT id FROM participant WHERE id = ? FOR NO KEY UPDATE", helper.participantId());
            other.rollback();

            assertThat(erasure.get(30, TimeUnit.SECONDS)).isEqualTo(204);
            // The aborted backend reports its deadlock to the statistics when it next goes idle (within seconds).
            long broken = 0;
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); broken == 0 && System.nanoTime() < until; ) {
                Thread.sleep(100);
                broken = deadlocks(other) - deadlocksBefore;
            }
            assertThat(broken).as("PostgreSQL broke one deadlock").isEqualTo(1);
        }
        // The erasure that ran again did all of its work: the proposal ended with it.
        Map<String, Object> ended = api().get("/api/matches/" + match, requester);
        assertThat(ended.get("status")).isEqualTo("CANCELLED");
        assertThat(ended.get("endReason")).isEqualTo("left Noaber");
    }

    private static long deadlocks(Connection c) throws SQLException {
        c.rollback();
        // Statistics are a snapshot per transaction: a fresh one, after the counters were flushed.
        query(c, "SELECT pg_stat_clear_snapshot()", null);
        return query(c, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", null);
    }

}
