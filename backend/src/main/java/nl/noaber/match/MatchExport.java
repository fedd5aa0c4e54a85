package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The match part of a participant's own-data export: their matches with timeline, help logged and
 * thanks; the notes they wrote (feedback and reports included); the blocks they made. Feedback and
 * reports written by the other side stay with the makelaar.
 */
@Serdeable
public record MatchExport(List<OwnMatch> matches, List<MatchNotes.Written> notesYouWrote,
                          List<MatchNotes.Block> blocksYouMade) {

    @Serdeable
    public record OwnMatch(long id, long requestId, String requestTitle, Side yourSide, Side channel, MatchStatus status,
                           String counterpart, Instant proposedAt, @Nullable Instant decidedAt, @Nullable Instant endedAt,
                           @Nullable Side endedBySide, @Nullable Side endedForSide, @Nullable String endReason,
                           @Nullable EndCause endCause, List<MatchView.Event> timeline,
                           List<MatchNotes.Occurrence> occurrences, List<MatchView.ThanksNote> thanks) {}
}
