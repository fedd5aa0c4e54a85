package nl.noaber.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's dispatcher, every {@code noaber.notifications.poll-interval}. Rounds follow each
 * other without a pause while they find a full batch. Without an SMTP server
 * ({@code noaber.mail.host} unset) nothing is sent: every mail that comes into the outbox is
 * written to the log and waits there until a server is configured.
 */
@Singleton
@Requires(property = "noaber.notifications.dispatch", notEquals = "false")
public class DispatchSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchSchedule.class);

    private final Dispatcher dispatcher;
    private final OutboxRepository outbox;
    private final Mailer mailer;
    private final NotificationProperties properties;
    private long lastLogged;

    public DispatchSchedule(OutboxRepository outbox, Mailer mailer, NotificationProperties properties,
                            Unsubscribe unsubscribe, MeterRegistry meters) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.dispatcher = new Dispatcher(instanceName(), outbox, mailer, properties, unsubscribe, meters);
        if (!mailer.configured()) {
            LOG.warn("No SMTP server configured (noaber.mail.host): mail waits in the outbox and is written to this log");
        }
    }

    @Scheduled(fixedDelay = "${noaber.notifications.poll-interval:5s}", initialDelay = "${noaber.notifications.poll-interval:5s}")
    void tick() {
        try {
            if (mailer.configured()) {
                for (int round = 0; round < 50; round++) {
                    if (dispatcher.dispatchOnce().claimed() < properties.batchSize()) {
                        break;
                    }
                }
            } else {
                logWaiting();
            }
        } catch (RuntimeException e) {
            // The database is away, say; the next tick tries again and the leases keep the rest safe.
            LOG.warn("Notification round failed: {}", e.toString());
        }
    }

    private void logWaiting() {
        for (OutboxRepository.Waiting w : outbox.waitingAfter(lastLogged, 100)) {
            LOG.info("Mail waiting in the outbox (no SMTP server): #{} {} [{}] to participant {}: {}\n{}", w.id(), w.kind(),
                    w.language(), w.participantId(), w.subject(), w.text());
            lastLogged = w.id();
        }
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
