package nl.noaber.listing;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.noaber.geo.ServiceArea;
import nl.noaber.participant.ProfileService;

/** Help requests (vraag). */
@Controller("/api/requests")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Requests")
public class RequestController extends ListingEndpoints {
    public RequestController(ListingService listings, ProfileService profiles, ServiceArea area) {
        super(Kind.REQUEST, listings, profiles, area);
    }
}
