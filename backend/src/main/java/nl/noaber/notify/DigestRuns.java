package nl.noaber.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import nl.noaber.db.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digests, each once a day from its hour on (Dutch time): the makelaars' work queue at
 * 07:00, the volunteers' new requests nearby at 20:00. Every dispatching instance asks every few
 * minutes whether a digest is due; the first to insert the day's row into {@code digest_run}
 * writes that day's digests, in the same transaction, and every other instance finds the row and
 * does nothing. So a digest whose hour passed while no instance was running (a deploy, an outage)
 * is written as soon as one runs again that day, and never twice; if writing fails, the row goes
 * with it and the next check tries again.
 */
@Singleton
public class DigestRuns {
    private static final Logger LOG = LoggerFactory.getLogger(DigestRuns.class);
    static final List<NotificationKind> DIGESTS = List.of(NotificationKind.MAKELAAR_DIGEST, NotificationKind.NEARBY_REQUESTS);

    private final Db db;
    private final MakelaarDigest makelaar;
    private final NearbyDigest nearby;

    public DigestRuns(Db db, MakelaarDigest makelaar, NearbyDigest nearby) {
        this.db = db;
        this.makelaar = makelaar;
        this.nearby = nearby;
    }

    /** From when on a digest is due each day. */
    static LocalTime hour(NotificationKind digest) {
        return switch (digest) {
            case MAKELAAR_DIGEST -> LocalTime.of(7, 0);
            case NEARBY_REQUESTS -> LocalTime.of(20, 0);
            default -> throw new IllegalArgumentException(digest + " is not a daily digest");
        };
    }

    /**
     * Writes the day's digests of this kind if their hour has come at {@code now} and no instance
     * wrote them yet. Returns how many digests were written, or -1 when it was not this call's turn
     * (too early, or run already).
     */
    @Transactional
    public int runIfDue(NotificationKind digest, Instant now) {
        ZonedDateTime local = now.atZone(MakelaarDigest.ZONE);
        if (local.toLocalTime().isBefore(hour(digest))) {
            return -1;
        }
        LocalDate day = local.toLocalDate();
        boolean ours = db.update("INSERT INTO digest_run (kind, day) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, digest.name());
            ps.setObject(2, day);
        }) == 1;
        if (!ours) {
            return -1;
        }
        return digest == NotificationKind.MAKELAAR_DIGEST ? makelaar.write(day) : nearby.write(day);
    }

    /** The check, every {@code noaber.notifications.digest-check-interval}, on every instance that dispatches. */
    @Singleton
    @Requires(property = "noaber.notifications.dispatch", notEquals = "false")
    static class Schedule {
        private final DigestRuns runs;
        private final Clock clock;

        Schedule(DigestRuns runs, Clock clock) {
            this.runs = runs;
            this.clock = clock;
        }

        @Scheduled(fixedDelay = "${noaber.notifications.digest-check-interval:5m}", initialDelay = "30s")
        void tick() {
            for (NotificationKind digest : DIGESTS) {
                try {
                    int written = runs.runIfDue(digest, clock.instant());
                    if (written >= 0) {
                        LOG.info("{} digests written: {}", digest, written);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} digests not written, tried again at the next check: {}", digest, e.toString());
                }
            }
        }
    }
}
