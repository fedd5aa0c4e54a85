package nl.noaber.listing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import nl.noaber.db.Db;
import nl.noaber.db.RetryOnDeadlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open requests and offers expire once their time has gone by: a one-off window that ended, or a
 * recurrence past its last day ({@code endsOn}), longer ago than {@code noaber.listings.expire-after}
 * (7 days). Until then the ranking, the plan and a volunteer's suggestions show such a request with
 * {@code timePassed}, for a new time to be agreed. After it, a neighbour browsing, a volunteer's
 * suggestions and digests, and the makelaar's city-wide plan no longer offer help for a day long gone,
 * and the owner hears that it expired (by mail, or through their makelaar), with the invitation to post
 * it again with a new time.
 *
 * <p>Only what nothing hangs on expires: a listing with a running match, or with a proposal waiting for
 * an answer, stays as it is (the proposal has its own reminder, and the plan lists it among the answers
 * to chase); once that proposal is answered or withdrawn, the next round expires it. A recurrence without
 * a last day never expires. EXPIRED is final, like WITHDRAWN: a new request is a new listing.
 */
@Singleton
public class ListingExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(ListingExpiry.class);

    /** The cut-off, {@code c.cut}: a moment the given number of seconds (the one parameter) before now. */
    private static final String CUT = "(SELECT now() - make_interval(secs => ?) AS cut) c";

    /**
     * Open, its time gone by before the cut-off, nothing hanging on it, and its owner taking part: the
     * hidden listings of someone suspended (or whose account is disabled) are left for after they are
     * reinstated, so that nobody is told "post it again" while they cannot.
     */
    private static final String DUE = """
            l.status = 'OPEN' AND l.owner_matchable
               AND (l.schedule_type = 'ONE_OFF' AND l.ends_at < c.cut
                    OR l.schedule_type = 'RECURRING' AND l.recurrence_ends_on < (c.cut AT TIME ZONE 'Europe/Amsterdam')::date)
               AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = l.id AND m.status IN ('PROPOSED', 'ACTIVE'))
               AND NOT EXISTS (SELECT 1 FROM match m WHERE m.offer_id = l.id AND m.status IN ('PROPOSED', 'ACTIVE'))
            """;

    private final Db db;
    private final ApplicationEventPublisher<ListingExpired> events;

    public ListingExpiry(Db db, ApplicationEventPublisher<ListingExpired> events) {
        this.db = db;
        this.events = events;
    }

    /** A listing due to expire: its id and owner. */
    record Due(long id, long ownerParticipantId) {}

    /** Up to {@code limit} listings due to expire, in the order they were posted. */
    @Transactional
    List<Due> due(Duration after, int limit) {
        return db.list("SELECT l.id, l.participant_id FROM listing l CROSS JOIN " + CUT + " WHERE " + DUE
                        + " ORDER BY l.id LIMIT ?",
                ps -> {
                    ps.setDouble(1, after.toMillis() / 1000.0);
                    ps.setInt(2, limit);
                }, rs -> new Due(rs.getLong(1), rs.getLong(2)));
    }

    /**
     * Expires one listing if it is still due, in a transaction of its own, and tells its owner. Takes the
     * owner's row first, as suspending, disabling and erasing do (so that the notice to them does not
     * wait on, or for, an erasure), then the listing's, the row every proposal, acceptance and change of
     * the listing holds until it commits: the due condition is read after both, so a proposal made at this
     * moment either comes first (and the listing stays open) or finds it expired. A listing someone is
     * busy with is skipped (SKIP LOCKED: a proposal with an offer takes the offer, then its owner's row,
     * the other way round) and looked at again in the next round.
     *
     * @return whether it expired now
     */
    @Transactional
    @RetryOnDeadlock
    public boolean expire(long listingId, long ownerParticipantId, Duration after) {
        db.one("SELECT 1 FROM participant WHERE id = ? FOR NO KEY UPDATE", ps -> ps.setLong(1, ownerParticipantId), rs -> 1);
        if (db.one("SELECT 1 FROM listing WHERE id = ? FOR UPDATE SKIP LOCKED", ps -> ps.setLong(1, listingId), rs -> 1).isEmpty()) {
            return false;
        }
        java.util.Optional<Kind> expired = db.one("UPDATE listing l SET status = 'EXPIRED', updated_at = now() FROM " + CUT
                        + " WHERE " + DUE + " AND l.id = ? AND l.participant_id = ? RETURNING l.kind",
                ps -> {
                    ps.setDouble(1, after.toMillis() / 1000.0);
                    ps.setLong(2, listingId);
                    ps.setLong(3, ownerParticipantId);
                }, rs -> Kind.valueOf(rs.getString(1)));
        expired.ifPresent(kind -> events.publishEvent(new ListingExpired(listingId, kind, ownerParticipantId)));
        return expired.isPresent();
    }

    /** Expires every listing that is due, a batch at a time, one failure not stopping the others; returns how many. */
    public int run(Duration after) {
        int done = 0;
        while (true) {
            List<Due> due = due(after, 500);
            int before = done;
            for (Due d : due) {
                try {
                    if (expire(d.id(), d.ownerParticipantId(), after)) {
                        done++;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Listing {} not expired: {}", d.id(), e.toString());
                }
            }
            if (due.size() < 500 || done == before) {
                return done;
            }
        }
    }

    /** Every hour on every instance, unless {@code noaber.listings.expiry} is false. */
    @Singleton
    @Requires(property = "noaber.listings.expiry", notEquals = "false")
    static class Schedule {
        private final ListingExpiry expiry;
        private final ListingProperties properties;

        Schedule(ListingExpiry expiry, ListingProperties properties) {
            this.expiry = expiry;
            this.properties = properties;
        }

        @Scheduled(fixedDelay = "1h", initialDelay = "2m")
        void tick() {
            try {
                int n = expiry.run(properties.expireAfter());
                if (n > 0) {
                    LOG.info("{} listings expired", n);
                }
            } catch (RuntimeException e) {
                LOG.warn("Listing expiry round failed: {}", e.toString());
            }
        }
    }
}
