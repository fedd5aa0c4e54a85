package nl.noaber.notify;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import nl.noaber.listing.ListingExpired;

/** News about a participant's own listings: an expired request or offer is told to its owner, in that transaction. */
@Singleton
class ListingNotices {
    private final Notifications notifications;

    ListingNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void onListingExpired(ListingExpired event) {
        notifications.listingExpired(event.listingId());
    }
}
