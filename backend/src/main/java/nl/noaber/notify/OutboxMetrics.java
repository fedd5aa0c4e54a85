package nl.noaber.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.time.Duration;

/**
 * The outbox's gauges: its depth (PENDING and SENDING) and the age of its oldest waiting row, read
 * from the database at most every five seconds, whichever instance is scraped. The counters
 * (sent, retried, dead, lease expired, rerouted to the makelaar) are kept by each {@link Dispatcher}.
 */
@Context
public class OutboxMetrics {
    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();

    private final OutboxRepository outbox;
    private OutboxRepository.Depth last = new OutboxRepository.Depth(0, Duration.ZERO);
    private long readAt;
    private boolean read;

    public OutboxMetrics(OutboxRepository outbox, MeterRegistry meters) {
        this.outbox = outbox;
        Gauge.builder("noaber.notifications.outbox.depth", this, m -> m.current().depth())
                .description("notifications waiting to be sent (PENDING and SENDING)").register(meters);
        Gauge.builder("noaber.notifications.outbox.oldest.age", this, m -> m.current().oldest().toMillis() / 1000.0)
                .baseUnit("seconds").description("age of the oldest notification waiting to be sent").register(meters);
    }

    synchronized OutboxRepository.Depth current() {
        long now = System.nanoTime();
        if (!read || now - readAt > FRESH_NANOS) {
            try {
                last = outbox.depth();
                readAt = now;
                read = true;
            } catch (RuntimeException e) {
                // the database is away: the last reading stands
            }
        }
        return last;
    }
}
