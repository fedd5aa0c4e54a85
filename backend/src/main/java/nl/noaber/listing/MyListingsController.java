package nl.noaber.listing;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Singleton;
import java.util.List;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.participant.OwnDataSection;
import nl.noaber.participant.Participant;
import nl.noaber.participant.ProfileService;

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
    public List<ListingView> myRequests(Authentication authentication) {
        return listings.mine(profiles.ownParticipant(CurrentUser.of(authentication).accountId()), Kind.REQUEST);
    }

    @Get("/offers")
    public List<ListingView> myOffers(Authentication authentication) {
        return listings.mine(profiles.ownParticipant(CurrentUser.of(authentication).accountId()), Kind.OFFER);
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
