package nl.noaber.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.mail.SMTPException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import nl.noaber.notify.OutboxRepository.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due in the outbox, one round at a time. A round claims a batch in one short
 * transaction (FOR UPDATE SKIP LOCKED, with a lease), hands the mails to SMTP outside any
 * transaction, and then marks each row, but only while its claim still holds it: SENT when the
 * server accepted it; otherwise PENDING again after an exponential, jittered delay, or DEAD once
 * {@code maxAttempts} are spent (or at once when the server refuses it for good, a 5xx reply).
 * Any number of dispatchers, in one JVM or in many, share one outbox.
 *
 * <p>Every mail carries {@code Message-ID: <outbox-{id}@{domain}>}, the same on every attempt.
 * When a claim's lease runs out before it marked its row (a crash, or a database that stayed
 * away for the whole lease), the next claim counts a lease expiry on the row and sends again:
 * the mail may have been delivered, and a second copy carries the same Message-ID.
 */
public class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Attempts to record the outcome of a send while the database is away, before the lease decides. */
    private static final int MARK_TRIES = 8;

    private final String name;
    private final OutboxRepository outbox;
    private final Mailer mailer;
    private final NotificationProperties properties;
    private final Unsubscribe unsubscribe;
    private final Counter sent;
    private final Counter retried;
    private final Counter dead;
    private final Counter expired;
    private final Counter rerouted;

    public Dispatcher(String name, OutboxRepository outbox, Mailer mailer, NotificationProperties properties,
                      Unsubscribe unsubscribe, MeterRegistry meters) {
        this.name = name;
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.unsubscribe = unsubscribe;
        this.sent = meters.counter("noaber.notifications.sent");
        this.retried = meters.counter("noaber.notifications.retried");
        this.dead = meters.counter("noaber.notifications.dead");
        this.expired = meters.counter("noaber.notifications.lease.expired");
        this.rerouted = meters.counter("noaber.notifications.rerouted");
    }

    public String name() {
        return name;
    }

    /** What one round did. */
    public record Round(int claimed, int sent, int failed, int dead, int other) {}

    /** One round: claim, send, mark. Returns how many rows it claimed (0: nothing was due). */
    public Round dispatchOnce() {
        List<Claimed> batch = outbox.claim(name, properties.batchSize(), properties.lease(),
                mailer.properties().messageIdDomain());
        int ok = 0, failed = 0, deadNow = 0, other = 0;
        Map<Claimed, CompletableFuture<Void>> sending = new LinkedHashMap<>();
        for (Claimed c : batch) {
            if (c.leaseExpired()) {
                expired.increment();
                LOG.warn("Notification {} ({}): the lease of its previous claim ran out; it may have been delivered, "
                        + "and is sent again with the same Message-ID", c.id(), c.messageId());
            }
            if (c.attempts() > properties.maxAttempts()) {
                mark(c, () -> outbox.markFailed(c, true, Duration.ZERO, "the lease ran out on the last attempt"));
                dead.increment();
                deadNow++;
            } else if (c.email() == null && c.accountId() != null) {
                mark(c, () -> outbox.suppress(c, "the account has no address or is disabled"));
                other++;
            } else if (c.email() == null) {
                mark(c, () -> outbox.reroute(c));
                rerouted.increment();
                other++;
            } else if (c.optedOut()) {
                mark(c, () -> outbox.suppress(c, "unsubscribed from this kind"));
                other++;
            } else {
                sending.put(c, send(c));
            }
        }
        for (var entry : sending.entrySet()) {
            Claimed c = entry.getKey();
            Throwable failure = outcome(entry.getValue());
            if (failure == null) {
                afterSend(c);
                if (mark(c, () -> outbox.markSent(c))) {
                    sent.increment();
                }
                ok++;
            } else {
                boolean permanent = failure instanceof SMTPException smtp && smtp.isPermanent();
                boolean last = permanent || c.attempts() >= properties.maxAttempts();
                Duration delay = last ? Duration.ZERO : backoff(c.attempts());
                String error = describe(failure);
                if (mark(c, () -> outbox.markFailed(c, last, delay, error))) {
                    if (last) {
                        dead.increment();
                        LOG.warn("Notification {} is DEAD after {} attempts: {}", c.id(), c.attempts(), error);
                    } else {
                        retried.increment();
                        LOG.info("Notification {} attempt {} failed ({}); next in {}", c.id(), c.attempts(), error, delay);
                    }
                }
                if (last) {
                    deadNow++;
                } else {
                    failed++;
                }
            }
        }
        return new Round(batch.size(), ok, failed, deadNow, other);
    }

    private CompletableFuture<Void> send(Claimed c) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", c.messageId());
        headers.put("Content-Language", c.language());
        headers.put("X-Noaber-Kind", c.kind().name());
        // RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" to this URL.
        String link = c.accountId() != null ? unsubscribe.accountUrl(c.accountId(), c.kind())
                : unsubscribe.url(c.participantId(), c.kind());
        headers.put("List-Unsubscribe", "<" + link + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        try {
            return mailer.send(new Mail(c.email(), c.subject(), c.text(), c.html(), headers));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable outcome(CompletableFuture<Void> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException | CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * Records an outcome, trying again while the database is away (connections killed, a restart):
     * a mail the server accepted must not be sent twice just because the first UPDATE failed.
     * Returns false when this claim no longer holds the row (its lease ran out and another took it).
     */
    private boolean mark(Claimed c, java.util.function.BooleanSupplier update) {
        RuntimeException last = null;
        for (int i = 0; i < MARK_TRIES; i++) {
            try {
                boolean held = update.getAsBoolean();
                if (!held) {
                    LOG.warn("Notification {}: the claim of {} had lapsed before its outcome was recorded", c.id(), name);
                }
                return held;
            } catch (RuntimeException e) {
                // Db.DataAccess, or no connection or transaction to be had
                last = e;
                LOG.info("Notification {}: recording the outcome failed ({}), trying again", c.id(), e.getMessage());
                pause(Duration.ofMillis(50L << Math.min(i, 6)));
            }
        }
        LOG.error("Notification {}: the outcome could not be recorded; the lease decides", c.id(), last);
        return false;
    }

    /** The wait before attempt {@code attempts + 1}: retryDelay doubled per attempt, capped, half of it random. */
    Duration backoff(int attempts) {
        long base = properties.retryDelay().toMillis();
        long max = properties.retryDelayMax().toMillis();
        long delay = Math.min(max, base << Math.min(attempts - 1, 30));
        if (delay <= 1) {
            return Duration.ofMillis(delay);
        }
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the server accepted a mail, before its row is marked: the window a crash can hit. */
    protected void afterSend(Claimed c) {
    }
}
