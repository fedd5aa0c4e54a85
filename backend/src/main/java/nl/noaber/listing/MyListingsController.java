package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Singleton;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.participant.OwnDataSection;
import nl.noaber.participant.Participant;
import nl.noaber.participant.ProfileService;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.Names.RESIDENT)
@Tag(name = "Profile")
public class MyListingsController {
    private final ListingService listings;
    private final ProfileService profiles;

    public MyListingsController(ListingService listings, ProfileService profiles) {
        this.listings = listings;
        this.profiles = profiles;
    }

    @Get("/requests")
    @Operation(summary = "My requests, every status, newest first",
            description = "A page of at most limit requests (1 to 100, default 50); pass nextCursor back as cursor for the next.")
    public Page<ListingView> myRequests(@Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                                        Authentication authentication) {
        return mine(Kind.REQUEST, limit, cursor, authentication);
    }

    @Get("/offers")
    @Operation(summary = "My offers, every status, newest first",
            description = "A page of at most limit offers (1 to 100, default 50); pass nextCursor back as cursor for the next.")
    public Page<ListingView> myOffers(@Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                                      Authentication authentication) {
        return mine(Kind.OFFER, limit, cursor, authentication);
    }

    private Page<ListingView> mine(Kind kind, @Nullable Integer limit, @Nullable String cursor, Authentication authentication) {
        int n = Page.limit(limit);
        TimeCursor after = TimeCursor.decode("cursor", cursor);
        return listings.mine(profiles.ownParticipant(CurrentUser.of(authentication).accountId()), kind, after, n);
    }

    /** Requests and offers in the participant's data export. */
    @Singleton
    static class Export implements OwnDataSection {
        private final ListingService listings;

        Export(ListingService listings) {
            this.listings = listings;
        }

        @Override
        public String name() {
            return "listings";
        }

        @Override
        public Object export(Participant participant) {
            return listings.mine(participant, null);
        }
    }
}
