package nl.noaber.bench;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import nl.noaber.Clocks;

/**
 * The app's clock in the matching evaluation, which replays weeks long past: each round sets it to
 * the round's time, so that "recent" (the fairness memory, the reliability window) means recent in
 * the replay. Only in an application context started with {@code noaber.evaluation.clock=true}.
 */
@Singleton
@Replaces(bean = Clock.class, factory = Clocks.class)
@Requires(property = "noaber.evaluation.clock", value = "true")
public class EvaluationClock extends Clock {
    private volatile Instant now = Instant.now();

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
