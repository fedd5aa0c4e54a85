package nl.noaber.listing;

import jakarta.inject.Singleton;
import nl.noaber.participant.ErasureStep;

/**
 * Erasing a participant: their open requests and offers are withdrawn, and every listing of theirs
 * loses its title, description and exact place (see {@link ListingRepository#eraseOwnedBy}). Runs
 * before their matches end, so that the news of that ending names the category, not their words.
 */
@Singleton
class ListingErasure implements ErasureStep {
    static final int ORDER = 20;

    private final ListingRepository listings;

    ListingErasure(ListingRepository listings) {
        this.listings = listings;
    }

    @Override
    public void erase(Erasure erasure) {
        listings.eraseOwnedBy(erasure.participantId());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
