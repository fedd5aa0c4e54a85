package nl.noaber.notify;

import io.micronaut.context.annotation.Requires;
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
 * Reminders about matches, each once, by mail or, without email, through the person's makelaar. A
 * unique index makes "once" hold whichever instances run this at the same time.
 * <ul>
 *   <li>Follow-ups: once a match has been running for {@code noaber.notifications.follow-up-after}
 *       (default 14 days), each party hears "how is it going?".</li>
 *   <li>Proposal reminders: once a proposal has waited {@code noaber.notifications.proposal-reminder-after}
 *       (default 3 days) for an answer, the side that answers it (the helper, or the requester when the
 *       helper offered themself) hears that it is still waiting, and that no is an answer too. Until
 *       someone answers or withdraws it, the request stays out of the makelaar's city-wide plan.</li>
 * </ul>
 */
@Singleton
public class FollowUps {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);

    private final Db db;
    private final Notifications notifications;

    public FollowUps(Db db, Notifications notifications) {
        this.db = db;
        this.notifications = notifications;
    }

    /**
     * Running matches accepted longer than {@code after} ago of which no party has had a follow-up yet,
     * leaving out those whose parties both switched follow-ups off (nothing would ever be written for
     * them, and they would come first in every round).
     */
    @Transactional
    public List<long[]> due(Duration after, int limit) {
        return db.list("""
                SELECT m.id, m.requester_id, m.helper_id FROM match m
                 WHERE m.status = 'ACTIVE' AND m.decided_at < now() - make_interval(secs => ?)
                   AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.match_id = m.id AND n.kind = 'FOLLOW_UP')
                   AND (SELECT count(*) FROM notification_opt_out o
                         WHERE o.participant_id IN (m.requester_id, m.helper_id) AND o.kind = 'FOLLOW_UP') < 2
                 ORDER BY m.decided_at LIMIT ?
                """, ps -> {
                    ps.setDouble(1, after.toMillis() / 1000.0);
                    ps.setInt(2, limit);
                }, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
    }

    /**
     * One match's reminders, in a transaction of their own, if the match is still running: it is held
     * (FOR SHARE) while they are written, so that an end at the same moment comes before (and there is no
     * reminder) or after (and the reminder went out while it ran). Returns whether they were written.
     */
    @RetryOnDeadlock
    @Transactional
    public boolean remind(long matchId, long requesterId, long helperId) {
        if (!stillIn(matchId, "ACTIVE")) {
            return false;
        }
        notifications.aboutMatch(matchId, NotificationKind.FOLLOW_UP, List.of(requesterId, helperId));
        return true;
    }

    /**
     * Proposals that have waited longer than {@code after} for an answer and whose answering side has not
     * been reminded yet nor switched these reminders off: match id and that side's participant id. The
     * answering side is the rule of {@code nl.noaber.match.Side#decider()}, in SQL: the requester when the
     * helper offered themself, else the helper.
     */
    @Transactional
    public List<long[]> proposalsDue(Duration after, int limit) {
        return db.list("""
                SELECT m.id, a.answers FROM match m
                 CROSS JOIN LATERAL (SELECT CASE WHEN m.channel = 'HELPER' THEN m.requester_id ELSE m.helper_id END AS answers) a
                 WHERE m.status = 'PROPOSED' AND m.proposed_at < now() - make_interval(secs => ?)
                   AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.match_id = m.id AND n.kind = 'PROPOSAL_REMINDER')
                   AND NOT EXISTS (SELECT 1 FROM notification_opt_out o WHERE o.participant_id = a.answers AND o.kind = 'PROPOSAL_REMINDER')
                 ORDER BY m.proposed_at LIMIT ?
                """, ps -> {
                    ps.setDouble(1, after.toMillis() / 1000.0);
                    ps.setInt(2, limit);
                }, rs -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    /**
     * One proposal's reminder, in a transaction of its own, if the proposal still waits for an answer
     * (held FOR SHARE, as {@link #remind}): an answer given while the round runs means no reminder.
     */
    @RetryOnDeadlock
    @Transactional
    public boolean remindToAnswer(long matchId, long answeringParticipantId) {
        if (!stillIn(matchId, "PROPOSED")) {
            return false;
        }
        notifications.aboutMatch(matchId, NotificationKind.PROPOSAL_REMINDER, List.of(answeringParticipantId));
        return true;
    }

    /** Holds the match against a change of state until the transaction ends; whether it is in {@code status}. */
    private boolean stillIn(long matchId, String status) {
        return db.one("SELECT status = ? FROM match WHERE id = ? FOR SHARE", ps -> {
            ps.setString(1, status);
            ps.setLong(2, matchId);
        }, rs -> rs.getBoolean(1)).orElse(false);
    }

    /** Writes the proposal reminders that are due; returns how many proposals got one. */
    public int runProposalReminders(Duration after) {
        return each(proposalsDue(after, 500), m -> remindToAnswer(m[0], m[1]), "Proposal reminder");
    }

    /** Writes the follow-ups that are due; returns how many matches got them. */
    public int run(Duration after) {
        return each(due(after, 500), m -> remind(m[0], m[1], m[2]), "Follow-up");
    }

    /** Writes each due row's reminders (match id first), one failure not stopping the others; returns how many were written. */
    private static int each(List<long[]> due, java.util.function.Predicate<long[]> write, String what) {
        int done = 0;
        for (long[] m : due) {
            try {
                if (write.test(m)) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.warn("{} for match {} not written: {}", what, m[0], e.toString());
            }
        }
        return done;
    }

    /** Every hour on every instance that dispatches. */
    @Singleton
    @Requires(property = "noaber.notifications.dispatch", notEquals = "false")
    static class Schedule {
        private final FollowUps followUps;
        private final NotificationProperties properties;

        Schedule(FollowUps followUps, NotificationProperties properties) {
            this.followUps = followUps;
            this.properties = properties;
        }

        @Scheduled(fixedDelay = "1h", initialDelay = "1m")
        void tick() {
            try {
                followUps.run(properties.followUpAfter());
            } catch (RuntimeException e) {
                LOG.warn("Follow-up round failed: {}", e.toString());
            }
            try {
                followUps.runProposalReminders(properties.proposalReminderAfter());
            } catch (RuntimeException e) {
                LOG.warn("Proposal reminder round failed: {}", e.toString());
            }
        }
    }
}
