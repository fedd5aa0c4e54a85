package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import nl.noaber.listing.Status;

/**
 * A line of "my matches": no contact details (open the match for those).
 *
 * @param awaitingYou a proposal that waits for the caller's answer
 */
@Serdeable
public record MatchSummary(
        long id,
        Side channel,
        MatchStatus status,
        boolean oneOff,
        Side yourSide,
        long requestId,
        String requestTitle,
        String category,
        Status requestStatus,
        long counterpartId,
        String counterpartName,
        Instant proposedAt,
        @Nullable Instant decidedAt,
        @Nullable Instant endedAt,
        boolean awaitingYou) {}
