package nl.noaber.match;

import static nl.noaber.support.TestDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.TestDatabase;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
@MicronautTest(environments = "test", transactional = false)
class MatchRaceTest extends MatchTestSupport {
    static final int ROUNDS = 10;

    /** What one accepting thread saw: the status, and the problem type of a refusal. */
    record Outcome(int status, String type) {}

    @Test
    void twoHelpersAcceptingOneOneOffRequestAtTheSameMomentExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Person anna = api().residentAt("Anna", LAT, LON);
                Person bram = api().residentAt("Bram", LAT + 0.002, LON);
                Person carla = api().residentAt("Carla", LAT + 0.003, LON);
                long request = api().request(anna, "SHOPPING", "Boodschappen, ronde " + round);
                long toBram = id(propose(anna, request, bram.participantId()));
                long toCarla = id(propose(anna, request, carla.participantId()));

                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                Future<Outcome> b = pool.submit(accept(toBram, bram, ready, go));
                Future<Outcome> c = pool.submit(accept(toCarla, carla, ready, go));
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                List<Outcome> outcomes = new ArrayList<>(List.of(b.get(30, TimeUnit.SECONDS), c.get(30, TimeUnit.SECONDS)));

                assertThat(outcomes).as("round %d", round).extracting(Outcome::status).containsExactlyInAnyOrder(200, 409);
                assertThat(outcomes).filteredOn(o -> o.status() == 409).singleElement()
                        .extracting(Outcome::type).asString().endsWith("/request-already-matched");
                assertThat(count("SELECT count(*) FROM match WHERE request_id = ? AND status = 'ACTIVE'", request)).isEqualTo(1);
                // The winner's acceptance ended the loser's proposal: one event beyond it, no acceptance.
                assertThat(count("SELECT count(*) FROM match WHERE request_id = ? AND status = 'CANCELLED' "
                        + "AND end_reason = 'matched with another helper' AND decided_at IS NULL", request)).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM match_event e JOIN match m ON m.id = e.match_id "
                        + "WHERE m.request_id = ?", request)).isEqualTo(4);
                assertThat(count("SELECT count(*) FROM match_event e JOIN match m ON m.id = e.match_id "
                        + "WHERE m.request_id = ? AND e.to_status = 'ACTIVE'", request)).isEqualTo(1);
                assertThat(requestStatus(request, anna)).isEqualTo("MATCHED");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProposalAtTheMomentTheRequestIsWithdrawnIsEitherRefusedOrEndedWithIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Person anna = api().residentAt("Anna", LAT, LON);
                Person bram = api().residentAt("Bram", LAT + 0.002, LON);
                long request = api().request(anna, "SHOPPING", "Boodschappen, intrekken " + round);
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                Future<Outcome> proposal = pool.submit(call(() -> propose(bram, request, null), ready, go));
                Future<Outcome> withdrawal = pool.submit(call(
                        () -> api().post("/api/requests/" + request + "/withdraw", anna, Map.of()), ready, go));
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                Outcome proposed = proposal.get(30, TimeUnit.SECONDS);
                assertThat(withdrawal.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

                assertThat(proposed.status()).as("round %d", round).isIn(200, 404, 409);
                assertThat(count("SELECT count(*) FROM match WHERE request_id = ? AND status <> 'CANCELLED'", request))
                        .as("round %d: nothing hangs on a withdrawn request", round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A proposal is checked against the request as it is once the request's row is locked, not as it was
     * read before: here a second connection holds the row and changes the request's category while a
     * helper proposes with an offer for the old one; the proposal waits, then sees the new category.
     * (Before, the checks ran on the first read, and the proposal went in with an offer for another
     * kind of help, after the change that would have ended it.)
     */
    @Test
    void aProposalIsCheckedAgainstWhatTheRequestBecameWhileItWaitedForItsRow() throws Exception {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long offer = api().offer(bram, "LIFT", "Ik rijd u graag");
        long request = api().request(anna, "LIFT", "Naar het ziekenhuis");
        Outcome outcome = behind(other -> query(other, "SELECT id FROM listing WHERE id = ? FOR UPDATE", request),
                () -> api().post("/api/matches", bram, new java.util.HashMap<>(Map.of("requestId", request, "offerId", offer))),
                other -> query(other, "UPDATE listing SET category_code = 'GARDEN' WHERE id = ? RETURNING id", request));
        assertThat(outcome.status()).isEqualTo(422);
        assertThat(outcome.type()).endsWith("/offer-wrong-category");
        assertThat(count("SELECT count(*) FROM match WHERE request_id = ?", request)).isZero();
    }

    /**
     * A makelaar proposes Bram at the moment another suspends him: the proposal waits for his row
     * and is then refused, instead of going in beside the suspension (which, not seeing it yet,
     * would have ended nothing). The suspension is played by a second connection holding his row.
     */
    @Test
    void aProposalAtTheMomentTheHelperIsSuspendedIsRefused() throws Exception {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        Person makelaar = api().staff("MAKELAAR");
        long request = api().request(anna, "SHOPPING", "Boodschappen");
        Outcome outcome = behind(
                other -> query(other, "UPDATE participant SET status = 'SUSPENDED' WHERE id = ? RETURNING id", bram.participantId()),
                () -> api().post("/api/matches", makelaar,
                        new java.util.HashMap<>(Map.of("requestId", request, "helperId", bram.participantId()))),
                other -> { });
        assertThat(outcome.status()).isEqualTo(422);
        assertThat(outcome.type()).endsWith("/helper-not-active");
        assertThat(count("SELECT count(*) FROM match WHERE request_id = ?", request)).isZero();
    }

    /**
     * Anna writes a report at the moment she is erased: the report waits for her row, which erasing
     * holds, finds her erased, and writes nothing (before, it went in after the clearing, and her
     * words outlived her erasure); taking her row before the match's, as erasing does, it cannot
     * deadlock with it.
     */
    @Test
    void aNoteWrittenAtTheMomentItsAuthorIsErasedIsNotKept() throws Exception {
        Person anna = api().residentAt("Anna", LAT, LON);
        Person bram = api().residentAt("Bram", LAT + 0.002, LON);
        long match = id(propose(anna, api().request(anna, "SHOPPING", "Boodschappen"), bram.participantId()));
        // Erasing takes the person's row first, then every match of theirs (ProfileService.erase).
        Outcome outcome = behind(other -> query(other, "SELECT id FROM participant WHERE id = ? FOR UPDATE", anna.participantId()),
                () -> act(match, "reports", anna, Map.of("text", "Hij komt niet opdagen")),
                other -> {
                    query(other, "UPDATE match SET explanation = NULL WHERE ? IN (requester_id, helper_id) RETURNING id",
                            anna.participantId());
                    query(other, "UPDATE participant SET status = 'INACTIVE', erased_at = now() WHERE id = ? RETURNING id",
                            anna.participantId());
                });
        assertThat(outcome.status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM match_note WHERE match_id = ?", match)).isZero();
    }

    /** Work on a second connection, in its transaction. */
    interface Step {
        void on(Connection other) throws Exception;
    }

    /**
     * Plays a change under way: a second connection does {@code hold} and keeps its transaction
     * open; {@code action} runs on another thread until it waits behind that connection's locks;
     * then the connection does {@code meanwhile} and commits, and the action's outcome is returned.
     */
    private Outcome behind(Step hold, Callable<?> action, Step meanwhile) throws Exception {
        try (Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            hold.on(other);
            Future<Outcome> outcome = Executors.newSingleThreadExecutor().submit(call(action, new CountDownLatch(1), new CountDownLatch(0)));
            TestDatabase.awaitSomeoneBlockedBehind(other);
            meanwhile.on(other);
            other.commit();
            return outcome.get(30, TimeUnit.SECONDS);
        }
    }

    private Callable<Outcome> call(Callable<?> action, CountDownLatch ready, CountDownLatch go) {
        return () -> {
            ready.countDown();
            go.await();
            try {
                action.call();
                return new Outcome(200, null);
            } catch (HttpClientResponseException e) {
                Map<?, ?> problem = Fixtures.parse(e.getResponse().getBody(String.class).orElse("{}"));
                return new Outcome(e.getStatus().getCode(), (String) problem.get("type"));
            }
        };
    }

    private Callable<Outcome> accept(long matchId, Person helper, CountDownLatch ready, CountDownLatch go) {
        return call(() -> act(matchId, "accept", helper), ready, go);
    }
}
