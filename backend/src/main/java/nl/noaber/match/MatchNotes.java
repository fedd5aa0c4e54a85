package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;

/** What is written after a match, and the help logged under it, as the API shows it. */
public final class MatchNotes {
    private MatchNotes() {}

    public enum Kind { THANKS, FEEDBACK, REPORT }

    /** A note as its author (and the own-data export) sees it. */
    @Serdeable
    public record Written(long id, long matchId, Kind kind, String text, Instant createdAt) {}

    /** A note as a makelaar sees it. */
    @Serdeable
    public record Note(long id, long matchId, Kind kind, long authorParticipantId, String authorName, Side authorSide,
                       String text, Instant createdAt, @Nullable Instant handledAt, @Nullable Long handledBy) {}

    /** A problem report in the makelaars' queue. */
    @Serdeable
    public record Report(long id, long matchId, long requestId, String requestTitle, MatchStatus matchStatus,
                         long authorParticipantId, String authorName, Side authorSide, String text, Instant createdAt,
                         @Nullable Instant handledAt, @Nullable Long handledBy) {}

    /** Thanks a helper received. */
    @Serdeable
    public record Received(long id, long matchId, long requestId, String requestTitle, String fromName, String message,
                           Instant createdAt) {}

    /** One time help was given under a match. */
    @Serdeable
    public record Occurrence(long id, long matchId, LocalDate date, @Nullable String note, Instant loggedAt) {}

    /** A block a participant made (their data export). */
    @Serdeable
    public record Block(String blockedName, @Nullable Long matchId, Instant createdAt) {}
}
