package nl.noaber.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashSet;
import java.util.List;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.geo.ServiceArea;
import nl.noaber.listing.ListingService;
import nl.noaber.listing.ListingView;
import nl.noaber.web.ApiException;

/** The matching service: ranked helpers, fitting requests, reciprocity, and the city-wide suggestion. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Matching")
public class MatchingController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int RECIPROCITY_LIMIT = 5;

    private final RankingService ranking;
    private final PlanService plans;
    private final ListingService listings;
    private final ServiceArea area;

    public MatchingController(RankingService ranking, PlanService plans, ListingService listings, ServiceArea area) {
        this.ranking = ranking;
        this.plans = plans;
        this.listings = listings;
        this.area = area;
    }

    /** A request's own search radius; null clears it (the city's default applies again). */
    @Serdeable
    public record SearchRadius(@Nullable @Min(100) @Max(50_000) Integer searchRadiusMetres) {}

    @Put("/requests/{id}/search-radius")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "Widen (or narrow) how far from a request helpers are looked for",
            description = "For makelaars and coordinators, for an OPEN or MATCHED request: 100–50,000 m, or null for the "
                    + "city's default (noaber.matching.search-radius-metres). Each helper's own travel radius still "
                    + "applies. The ranking, the plan and volunteers' suggestions use it at once. Answers the request as "
                    + "its owner sees it.")
    public ListingView searchRadius(@PathVariable long id, @Body @Valid SearchRadius body) {
        return listings.setSearchRadius(id, body.searchRadiusMetres());
    }

    @Get("/requests/{id}/helpers{?limit}")
    @Secured({Role.Names.RESIDENT, Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "Helpers for a request, best first, each with the reasons for its score",
            description = "For the request's owner and for makelaars and coordinators. Residents see distances from the "
                    + "helper's privacy-grid cell to the request's public place, rounded; staff see them to 10 m.")
    public RankingService.HelperRanking helpers(@PathVariable long id, @Nullable @QueryValue Integer limit,
                                                Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        RankingService.Viewer viewer = user.is(Role.RESIDENT) ? RankingService.Viewer.RESIDENT : RankingService.Viewer.STAFF;
        return ranking.helpers(id, user.participantId(), viewer, limit(limit, DEFAULT_LIMIT));
    }

    @Get("/requests/{id}/helpers/{participantId}")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "Why (not) this neighbour: where one participant stands for a request",
            description = "For makelaars and coordinators. A candidate comes with their place in the ranking and the reasons "
                    + "for their score; anyone else with every rule that keeps them out (asked it themselves, suspended or "
                    + "inactive, account disabled, no home, no skill or offer in the category, a block between the two, "
                    + "declined or already proposed for this request, beyond their travel radius or the search "
                    + "radius, at capacity, or not among the nearest candidate-pool who can help), in Dutch and English.")
    public RankingService.HelperStanding standing(@PathVariable long id, @PathVariable long participantId) {
        return ranking.standing(id, participantId);
    }

    @Get("/me/suggested-requests{?limit}")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Open requests near you that fit your skills and offers, best first, with reasons")
    public RankingService.RequestSuggestions suggestedForMe(@Nullable @QueryValue Integer limit, Authentication authentication) {
        return ranking.requestsFor(participant(authentication), limit(limit, DEFAULT_LIMIT), null);
    }

    @Get("/participants/{id}/suggested-requests{?limit}")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "Open requests that fit a participant (for makelaars working for people without a computer)")
    public RankingService.RequestSuggestions suggestedFor(@PathVariable long id, @Nullable @QueryValue Integer limit) {
        return ranking.requestsFor(id, limit(limit, DEFAULT_LIMIT), null);
    }

    @Get("/requests/{id}/reciprocity{?limit}")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Right after asking: nearby needs that you yourself could meet",
            description = "For the request's owner: open requests of others near your home that fit your skills and offers.")
    public RankingService.RequestSuggestions reciprocity(@PathVariable long id, @Nullable @QueryValue Integer limit,
                                                         Authentication authentication) {
        long me = participant(authentication);
        ranking.requireOwnRequest(id, me);
        return ranking.requestsFor(me, limit(limit, RECIPROCITY_LIMIT), id);
    }

    @Get("/matching/plan{?neighbourhood*,lat,lon,radius}")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "The city-wide suggestion: who for whom, for all waiting requests in an area at once",
            description = "The area: one or more neighbourhood ids (repeat the parameter), and/or a circle (lat, lon, radius "
                    + "in metres), or nothing for every waiting request (at most " + PlanService.MAX_REQUESTS + "). "
                    + "Suggestions only: nothing is proposed or matched. Requests with a proposal waiting for an answer are "
                    + "not planned but listed under awaitingAnswer (at most " + PlanService.MAX_REQUESTS + ", oldest first).")
    public PlanService.Plan plan(@Nullable @QueryValue("neighbourhood") List<Long> neighbourhood,
                                 @Nullable @QueryValue Double lat, @Nullable @QueryValue Double lon,
                                 @Nullable @QueryValue Integer radius) {
        CandidateRepository.Circle circle = null;
        if (lat != null || lon != null || radius != null) {
            if (radius == null) {
                throw ApiException.invalid("radius", "NotNull", "a circle needs lat, lon and radius");
            }
            if (radius < 100 || radius > 50_000) {
                throw ApiException.invalid("radius", "Range", "the radius must be between 100 and 50000 metres");
            }
            circle = new CandidateRepository.Circle(area.checked("lat", lat, "lon", lon).toPoint(), radius);
        }
        return plans.plan(neighbourhood == null || neighbourhood.isEmpty() ? null : new LinkedHashSet<>(neighbourhood), circle);
    }

    private static long participant(Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        if (user.participantId() == null) {
            throw ApiException.forbidden("Only residents have a profile to match");
        }
        return user.participantId();
    }

    private static int limit(Integer limit, int fallback) {
        int n = limit == null ? fallback : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.invalid("limit", "Range", "the limit must be between 1 and " + MAX_LIMIT);
        }
        return n;
    }
}
