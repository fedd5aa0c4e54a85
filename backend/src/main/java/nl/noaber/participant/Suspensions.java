package nl.noaber.participant;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import nl.noaber.db.Db;
import nl.noaber.db.RetryOnDeadlock;
import nl.noaber.web.ApiException;

/**
 * Suspending and reinstating participants ({@link SuspensionController}). A suspended participant is
 * never ranked, planned, proposed or accepted (matching reads {@code participant.status}; their lanes
 * go with it, V9), and their proposed and running matches end ({@link ParticipantSuspended}).
 */
@Singleton
public class Suspensions implements OwnDataSection {
    /**
     * A participant's standing in matching.
     *
     * @param status ACTIVE, SUSPENDED or INACTIVE (erased)
     * @param reason why they were suspended (for makelaars)
     */
    @Serdeable
    public record Standing(long participantId, String status, @Nullable Instant changedAt, @Nullable String reason) {}

    private final Db db;
    private final ApplicationEventPublisher<ParticipantSuspended> suspended;

    public Suspensions(Db db, ApplicationEventPublisher<ParticipantSuspended> suspended) {
        this.db = db;
        this.suspended = suspended;
    }

    @Transactional
    public Standing status(long id) {
        return standing(id, "");
    }

    /**
     * Suspends; suspending again keeps the first suspension. 409 for an erased participant. Locks the
     * participant, then (ending their matches) requests and matches: the opposite order of an
     * acceptance, so a deadlock between the two is run again ({@link RetryOnDeadlock}).
     */
    @Transactional
    @RetryOnDeadlock
    public Standing suspend(long id, long byAccountId, String reason) {
        Standing now = standing(id, " FOR NO KEY UPDATE");
        if (now.status().equals("SUSPENDED")) {
            return now;
        }
        requireNotErased(now);
        change(id, "SUSPENDED", byAccountId, reason.trim());
        suspended.publishEvent(new ParticipantSuspended(id, byAccountId));
        return standing(id, "");
    }

    /** Reinstates; an ACTIVE participant stays as they are. 409 for an erased participant. */
    @Transactional
    @RetryOnDeadlock
    public Standing reinstate(long id, long byAccountId) {
        Standing now = standing(id, " FOR NO KEY UPDATE");
        if (now.status().equals("ACTIVE")) {
            return now;
        }
        requireNotErased(now);
        change(id, "ACTIVE", byAccountId, null);
        return standing(id, "");
    }

    /** Their own file holds whether they are suspended, since when and why (their right of access). */
    @Override
    public String name() {
        return "participation";
    }

    @Override
    public Object export(Participant participant) {
        return standing(participant.id(), "");
    }

    private static void requireNotErased(Standing s) {
        if (s.status().equals("INACTIVE")) {
            throw ApiException.conflict("status", "participant-inactive", "This participant was erased");
        }
    }

    private void change(long id, String status, long by, @Nullable String reason) {
        db.update("""
                UPDATE participant SET status = ?, status_changed_at = now(), status_changed_by = ?, status_reason = ?,
                       updated_at = now()
                 WHERE id = ?""", ps -> {
            ps.setString(1, status);
            ps.setLong(2, by);
            ps.setString(3, reason);
            ps.setLong(4, id);
        });
    }

    private Standing standing(long id, String lock) {
        return db.one("SELECT id, status, status_changed_at, status_reason FROM participant WHERE id = ?" + lock,
                ps -> ps.setLong(1, id), rs -> new Standing(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .orElseThrow(() -> ApiException.notFound("Participant " + id));
    }
}
