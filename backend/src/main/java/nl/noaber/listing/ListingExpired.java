package nl.noaber.listing;

/**
 * An open request or offer expired: its time went by with nothing hanging on it. Published inside
 * that transaction, so that its owner's notice is written if and only if it expired.
 */
public record ListingExpired(long listingId, Kind kind, long ownerParticipantId) {}
