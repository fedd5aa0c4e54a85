package nl.noaber.listing;

/**
 * The owner withdrew or closed a request or offer. Published inside that transaction, so that what
 * hangs on the listing (proposed matches, in the match feature) ends with it or not at all.
 *
 * @param status WITHDRAWN or CLOSED
 */
public record ListingEnded(long listingId, Kind kind, Status status, long ownerParticipantId, long ownerAccountId) {}
