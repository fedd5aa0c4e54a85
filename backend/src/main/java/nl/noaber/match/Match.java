package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A match as stored (table {@code match}). */
public record Match(
        long id,
        long requestId,
        @Nullable Long offerId,
        long requesterId,
        long helperId,
        Side channel,
        boolean oneOff,
        MatchStatus status,
        Instant proposedAt,
        long proposedBy,
        @Nullable Instant decidedAt,
        @Nullable Long decidedBy,
        @Nullable Instant endedAt,
        @Nullable Long endedBy,
        @Nullable Side endedBySide,
        @Nullable Side endedForSide,
        @Nullable String endReason,
        @Nullable EndCause endCause,
        @Nullable String explanation) {

    /** The side of a participant in this match, or null when they are not in it. */
    @Nullable
    Side sideOf(@Nullable Long participantId) {
        if (participantId == null) {
            return null;
        }
        if (participantId == requesterId) {
            return Side.REQUESTER;
        }
        return participantId == helperId ? Side.HELPER : null;
    }

    long participantOn(Side side) {
        return side == Side.REQUESTER ? requesterId : helperId;
    }

    /** Was it accepted at some point (it is or was ACTIVE)? Declining also sets decided_at. */
    boolean wasAccepted() {
        return decidedAt != null && status != MatchStatus.DECLINED;
    }
}
