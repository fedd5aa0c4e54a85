package nl.noaber.listing;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.noaber.geo.ServiceArea;
import nl.noaber.participant.ProfileService;

/** Offers of help (aanbod). */
@Controller("/api/offers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Offers")
public class OfferController extends ListingEndpoints {
    public OfferController(ListingService listings, ProfileService profiles, ServiceArea area) {
        super(Kind.OFFER, listings, profiles, area);
    }
}
