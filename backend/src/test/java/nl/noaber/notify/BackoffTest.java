package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait between attempts: doubling from retry-delay, capped at retry-delay-max, between half and all of it. */
class BackoffTest {
    private final NotificationProperties properties = new NotificationProperties(true, Duration.ofSeconds(5), 20,
            Duration.ofMinutes(5), 8, Duration.ofSeconds(30), Duration.ofHours(1), "http://localhost:8080",
            "a-secret-of-at-least-thirty-two-characters", Duration.ofDays(14), Duration.ofDays(3));
    private final Dispatcher dispatcher = new Dispatcher("backoff", null, null, properties, new Unsubscribe(properties),
            new SimpleMeterRegistry());

    @Test
    void eachWaitLiesBetweenHalfAndAllOfTheDoublingDelay() {
        long[] full = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
        for (int attempts = 1; attempts <= full.length; attempts++) {
            for (int draw = 0; draw < 200; draw++) {
                Duration wait = dispatcher.backoff(attempts);
                assertThat(wait).as("after attempt %d", attempts)
                        .isBetween(Duration.ofSeconds(full[attempts - 1]).dividedBy(2), Duration.ofSeconds(full[attempts - 1]));
            }
        }
    }

    @Test
    void theWaitsAreSpreadSoThatRowsFailedTogetherDoNotRetryTogether() {
        long distinct = java.util.stream.IntStream.range(0, 100).mapToObj(i -> dispatcher.backoff(3)).distinct().count();
        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void aVeryLargeAttemptCountStaysAtTheCap() {
        assertThat(dispatcher.backoff(10_000)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
    }
}
