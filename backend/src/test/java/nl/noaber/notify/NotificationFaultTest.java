package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nl.noaber.notify.OutboxRepository.Claimed;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost and nothing doubled: a stopped mail server, connections cut in the middle of a
 * mail, database connections killed, two dispatchers on one outbox, a crash between the server's
 * acceptance and the row's update, and a thousand mails under random faults. Time passing (a
 * retry delay, a lease) is made by setting the rows due, never by waiting.
 */
@MicronautTest(environments = "test", transactional = false)
class NotificationFaultTest extends NotificationTestSupport {

    private Dispatcher dispatcher(String name, int port, NotificationProperties props) {
        return new Dispatcher(name, outbox, mailer(port), props, unsubscribe, meters);
    }

    /** Rounds, letting time pass between them, until every seeded row is SENT (at most {@code maxRounds}). */
    private int untilSent(Dispatcher d, Seeded s, int maxRounds, Runnable betweenRounds) {
        int rounds = 0;
        while (countStatus(s, "SENT") < s.ids().size() && rounds++ < maxRounds) {
            try {
                d.dispatchOnce();
            } catch (RuntimeException e) {
                // a round can fail as a whole (its claim lost its connection); the next one goes on
            }
            betweenRounds.run();
            timePasses(s.participants());
        }
        return rounds;
    }

    @Test
    void withTheMailServerStoppedMailWaitsAndAllArrivesOnceWhenItIsBack() {
        Seeded s = seed("stopped", 3, 10);
        Dispatcher d = dispatcher("stopped", smtp.port(), properties.with(100, 8, Duration.ofSeconds(30)));

        smtp.stop();
        d.dispatchOnce();
        assertThat(countStatus(s, "PENDING")).isEqualTo(30);
        assertThat(rowsFor(s.participants().get(0))).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
        assertThat(db.one("SELECT count(*) FROM notification WHERE id = ANY (?) AND last_error IS NOT NULL "
                        + "AND next_attempt_at > now() + interval '10 seconds'",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", s.ids().toArray())), rs -> rs.getLong(1))
                .orElseThrow()).as("each waits out its retry delay").isEqualTo(30);
        d.dispatchOnce();
        assertThat(rowsFor(s.participants().get(0))).as("not due again before the delay")
                .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));

        smtp.start();
        timePasses(s.participants());
        d.dispatchOnce();

        assertThat(countStatus(s, "SENT")).isEqualTo(30);
        Map<String, Long> arrived = arrivals(s.messageIds());
        assertThat(arrived).hasSize(30);
        assertThat(arrived.values()).containsOnly(1L);
    }

    @Test
    void twoDispatchersOnOneOutboxSendEachNotificationOnce() throws Exception {
        Seeded s = seed("two", 10, 20);
        NotificationProperties small = properties.with(10, 8, Duration.ofSeconds(30));
        Dispatcher a = dispatcher("instance-a", smtp.port(), small);
        Dispatcher b = dispatcher("instance-b", smtp.port(), small);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> claims = pool.invokeAll(List.of(a, b).stream().map(d -> (java.util.concurrent.Callable<Integer>) () -> {
                start.await();
                int claimed = 0;
                for (int round = 0; round < 100; round++) {
                    int n = d.dispatchOnce().claimed();
                    claimed += n;
                    if (n == 0) {
                        break;
                    }
                }
                return claimed;
            }).toList());
            assertThat(claims.get(0).get()).isPositive();
            assertThat(claims.get(1).get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(countStatus(s, "SENT")).isEqualTo(200);
        assertThat(db.one("SELECT max(attempts) FROM notification WHERE id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", s.ids().toArray())), rs -> rs.getInt(1))
                .orElseThrow()).as("every row was claimed exactly once: no two claims overlapped").isEqualTo(1);
        Map<String, Long> arrived = arrivals(s.messageIds());
        assertThat(arrived).hasSize(200);
        assertThat(arrived.values()).containsOnly(1L);
        assertThat(db.list("SELECT DISTINCT claimed_by FROM notification WHERE id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", s.ids().toArray())), rs -> rs.getString(1)))
                .containsExactlyInAnyOrder("instance-a", "instance-b");
    }

    @Test
    void connectionsCutInTheMiddleOfAMailLoseNothing() throws Exception {
        Seeded s = seed("cut", 4, 15);
        try (FaultyProxy proxy = new FaultyProxy(smtp.port(), 11)) {
            proxy.odds(0.3, 0, 0.1);
            Dispatcher d = dispatcher("cut", proxy.port(), properties.with(20, 50, Duration.ofSeconds(30)));
            untilSent(d, s, 200, () -> {});
            assertThat(proxy.cuts.get()).as("the proxy did cut").isPositive();
        }
        assertThat(countStatus(s, "SENT")).isEqualTo(60);
        Map<String, Long> arrived = arrivals(s.messageIds());
        assertThat(arrived).hasSize(60);
        assertThat(arrived.values()).as("a cut before the final dot stores nothing, so nothing doubles").containsOnly(1L);
    }

    @Test
    void databaseConnectionsKilledMidRunLoseAndDoubleNothing() {
        Seeded s = seed("killed", 4, 10);
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger killed = new AtomicInteger();
        Dispatcher d = new Dispatcher("killed", outbox, mailer(smtp.port()), properties.with(10, 50, Duration.ofSeconds(30)),
                unsubscribe, meters) {
            @Override
            protected void afterSend(Claimed c) {
                // Between the server's acceptance and the row's update, every third time.
                if (sends.incrementAndGet() % 3 == 0) {
                    killed.addAndGet(killDatabaseConnections());
                }
            }
        };
        int[] round = {0};
        untilSent(d, s, 100, () -> {
            if (round[0]++ % 2 == 0) {
                killed.addAndGet(killDatabaseConnections()); // and between rounds
            }
        });
        assertThat(killed.get()).as("connections were killed").isPositive();
        assertThat(countStatus(s, "SENT")).isEqualTo(40);
        Map<String, Long> arrived = arrivals(s.messageIds());
        assertThat(arrived).hasSize(40);
        assertThat(arrived.values()).containsOnly(1L);
    }

    /**
     * The documented window: the server accepted the mail and the dispatcher died before its row
     * said so. The row stays SENDING until its lease runs out; then another dispatcher sends it
     * again with the same Message-ID and counts the lease expiry, so the copy is recognisable.
     * The rows it did mark are never sent again.
     */
    @Test
    void aCrashBetweenSendAndMarkSendsAgainWithTheSameMessageIdAndCountsIt() {
        Seeded s = seed("crash", 1, 3);
        class Crash extends RuntimeException {}
        AtomicInteger accepted = new AtomicInteger();
        long[] crashedOn = {0};
        Dispatcher crashing = new Dispatcher("crashing", outbox, mailer(smtp.port()), properties.with(10, 8, Duration.ofSeconds(30)),
                unsubscribe, meters) {
            @Override
            protected void afterSend(Claimed c) {
                // The third acceptance: by then all three mails were accepted, two of them marked.
                if (accepted.incrementAndGet() == 3) {
                    crashedOn[0] = c.id();
                    throw new Crash();
                }
            }
        };
        double expiredBefore = meters.counter("noaber.notifications.lease.expired").count();
        org.assertj.core.api.Assertions.assertThatThrownBy(crashing::dispatchOnce).isInstanceOf(Crash.class);
        assertThat(countStatus(s, "SENT")).isEqualTo(2);
        assertThat(row(crashedOn[0]).status()).isEqualTo("SENDING");
        assertThat(arrivals(s.messageIds())).hasSize(3).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));

        Dispatcher survivor = dispatcher("survivor", smtp.port(), properties.with(10, 8, Duration.ofSeconds(30)));
        survivor.dispatchOnce();
        assertThat(row(crashedOn[0]).status()).as("the lease still holds").isEqualTo("SENDING");

        timePasses(s.participants()); // the lease runs out
        survivor.dispatchOnce();

        assertThat(countStatus(s, "SENT")).isEqualTo(3);
        Row crashed = row(crashedOn[0]);
        assertThat(crashed.leaseExpiries()).isEqualTo(1);
        assertThat(crashed.attempts()).isEqualTo(2);
        Map<String, Long> arrived = arrivals(s.messageIds());
        assertThat(arrived).hasSize(3);
        for (long id : s.ids()) {
            assertThat(arrived.get("<outbox-" + id + "@test.noaber.nl>")).as("copies of %s", id)
                    .isEqualTo(id == crashedOn[0] ? 2L : 1L);
        }
        assertThat(rowsFor(s.participants().get(0))).filteredOn(r -> r.id() != crashedOn[0])
                .allSatisfy(r -> assertThat(r.leaseExpiries()).isZero());
        assertThat(meters.counter("noaber.notifications.lease.expired").count() - expiredBefore).isEqualTo(1);
    }

    /**
     * A thousand mails while the connection is cut, connections are refused, the server stops and
     * the database connections are killed, at random (seeded). Every mail arrives; a second copy
     * arrives only where the proxy swallowed the server's acceptance, the window SMTP leaves open.
     */
    @Test
    void aThousandMailsUnderRandomFaultsAllArriveAndOnlyTheSmtpWindowDoubles() throws Exception {
        Seeded s = seed("thousand", 50, 20);
        Random random = new Random(2026);
        AtomicInteger dbKills = new AtomicInteger();
        int serverStops = 0;
        int rounds;
        try (FaultyProxy proxy = new FaultyProxy(smtp.port(), 2026)) {
            proxy.odds(0.06, 0.02, 0.03);
            Dispatcher d = new Dispatcher("thousand", outbox, mailer(proxy.port()), properties.with(100, 50, Duration.ofSeconds(30)),
                    unsubscribe, meters) {
                @Override
                protected void afterSend(Claimed c) {
                    if (random.nextDouble() < 0.01) {
                        dbKills.addAndGet(killDatabaseConnections() > 0 ? 1 : 0);
                    }
                }
            };
            int[] stops = {0};
            int[] round = {0};
            rounds = untilSent(d, s, 500, () -> {
                if (round[0]++ % 4 == 1) {
                    smtp.stop();
                    try {
                        d.dispatchOnce(); // a round against a stopped server
                    } catch (RuntimeException e) {
                        // as above
                    }
                    smtp.start();
                    stops[0]++;
                } else if (random.nextDouble() < 0.2) {
                    killDatabaseConnections();
                    dbKills.incrementAndGet();
                }
            });
            serverStops = stops[0];

            Map<String, Long> arrived = arrivals(s.messageIds());
            long total = arrived.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("1000 notifications in %d rounds: %d distinct Message-IDs arrived, %d mails in all; "
                            + "%d doubled through the SMTP window (acceptance lost), %d cut in DATA, %d connections refused, "
                            + "%d server stops, %d database kills%n", rounds, arrived.size(), total, proxy.swallowedTotal(),
                    proxy.cuts.get(), proxy.refusals.get(), serverStops, dbKills.get());

            assertThat(countStatus(s, "SENT")).isEqualTo(1000);
            assertThat(arrived).hasSize(1000);
            for (String id : s.messageIds()) {
                int swallowed = proxy.swallowed.getOrDefault(id, new AtomicInteger()).get();
                assertThat(arrived.get(id)).as("copies of %s", id).isEqualTo(1L + swallowed);
            }
            assertThat(proxy.cuts.get()).isPositive();
            assertThat(proxy.swallowedTotal()).isPositive();
            assertThat(serverStops).isPositive();
        }
    }
}
