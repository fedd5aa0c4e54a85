package nl.noaber.listing;

import java.util.List;

/**
 * The owner changed what an open request or offer is about: its category, its place or its time
 * (an offer: its category). Published inside that transaction, so that the proposals made for what
 * it was (in the match feature) end with the change or not at all: a yes given to one request must
 * not become a yes to another.
 *
 * @param changed what changed, in that order: {@code category}, {@code place}, {@code schedule}
 */
public record ListingChanged(long listingId, Kind kind, List<String> changed, long ownerParticipantId,
                             long ownerAccountId) {

    /** The words a proposal ends with: "request changed: category, place". */
    public String reason() {
        return (kind == Kind.OFFER ? "offer" : "request") + " changed: " + String.join(", ", changed);
    }
}
