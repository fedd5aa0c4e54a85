package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import nl.noaber.geo.LatLon;
import nl.noaber.listing.Schedule;
import nl.noaber.listing.Status;

/**
 * One match as a party or a makelaar sees it. {@code contact} of a party and the request's exact
 * {@code place} appear only when {@code contactShared} (the match is ACTIVE, or COMPLETED within
 * {@code noaber.privacy.contact-after-completion}, neither has blocked the other and both can be
 * matched); makelaars and coordinators always see both. A party never sees their own contact
 * block, only the other side's.
 *
 * @param yourSide REQUESTER or HELPER for a party, MAKELAAR for staff
 * @param contactSharedUntil for a completed match that still shares contact details: when it stops
 * @param endedForSide the party a makelaar ended the match for (after a call), when they said so
 * @param endCause  when the service ended it for a reason of its own ({@link EndCause}), the code to show
 *                  in the reader's language; {@code endReason} has the words (English for these)
 * @param actions  what the caller may do now: accept, decline, withdraw, complete, cancel,
 *                 log-occurrence, thank, feedback, report, block
 */
@Serdeable
public record MatchView(
        long id,
        Side channel,
        MatchStatus status,
        boolean oneOff,
        Side yourSide,
        Request request,
        @Nullable Offer offer,
        Party requester,
        Party helper,
        boolean contactShared,
        @Nullable Instant contactSharedUntil,
        Instant proposedAt,
        @Nullable Instant decidedAt,
        @Nullable Instant endedAt,
        @Nullable Side endedBySide,
        @Nullable Side endedForSide,
        @Nullable String endReason,
        @Nullable EndCause endCause,
        @Nullable String explanation,
        List<String> actions,
        List<Event> timeline,
        List<ThanksNote> thanks,
        int occurrences) {

    /** The request: its public form, plus the exact place when the caller may know it. */
    @Serdeable
    public record Request(long id, String title, String category, Schedule schedule, LatLon publicPlace,
                          int placePrecisionMetres, @Nullable String neighbourhood, Status status,
                          @Nullable LatLon place) {}

    @Serdeable
    public record Offer(long id, String title) {}

    /** @param offline no account: reachable through the makelaar only */
    @Serdeable
    public record Party(long participantId, String displayName, String kind, boolean offline,
                       @Nullable Contact contact) {}

    /** Exact address and contact details. */
    @Serdeable
    public record Contact(@Nullable String phone, @Nullable String email, List<String> contactChannels,
                          @Nullable String postcode, @Nullable String houseNumber, @Nullable LatLon home) {}

    /** A transition: who (which side; the account only for staff), when, from and to, and why. */
    @Serdeable
    public record Event(Instant at, Side actorSide, @Nullable Long actorAccountId, @Nullable MatchStatus from,
                        MatchStatus to, @Nullable String reason) {}

    @Serdeable
    public record ThanksNote(long id, String message, Instant createdAt) {}
}
