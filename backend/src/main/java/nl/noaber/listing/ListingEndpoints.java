package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.geo.ServiceArea;
import nl.noaber.participant.Participant;
import nl.noaber.participant.ProfileService;
import nl.noaber.web.ApiException;
import org.locationtech.jts.geom.Point;

/** The same endpoints for requests (/api/requests) and offers (/api/offers). */
abstract class ListingEndpoints {
    static final int DEFAULT_RADIUS_METRES = 5_000;
    static final int DEFAULT_LIMIT = 20;

    private final Kind kind;
    private final ListingService listings;
    private final ProfileService profiles;
    private final ServiceArea area;

    ListingEndpoints(Kind kind, ListingService listings, ProfileService profiles, ServiceArea area) {
        this.kind = kind;
        this.listings = listings;
        this.profiles = profiles;
        this.area = area;
    }

    @Post
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Post a new one; without a place it is at your home")
    public HttpResponse<ListingView> create(@Valid @Body ListingInput body, Authentication authentication) {
        ListingView created = listings.create(me(authentication), kind, body);
        return HttpResponse.created(created, URI.create("/api/" + kind.path() + "/" + created.id()));
    }

    @Get("/nearby{?lat,lon,radius,category,limit,cursor}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Open ones near a point, or near your home when lat and lon are left out; nearest first",
            description = "Places are the centres of privacy grid cells and distances are measured from there, rounded. "
                    + "Your own are left out. radius in metres (default 5000, at most 50000); limit 1 to 100 (default 20).")
    public NearbyPage nearby(@Nullable @QueryValue Double lat, @Nullable @QueryValue Double lon,
                             @Nullable @QueryValue Integer radius, @Nullable @QueryValue String category,
                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                             Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        Point point;
        if (lat == null && lon == null) {
            Participant participant = user.is(Role.RESIDENT) ? profiles.ownParticipant(user.accountId()) : null;
            if (participant == null || participant.homePlace() == null) {
                throw ApiException.invalid("lat", "NotNull", "give lat and lon, or set your home first (PUT /api/me/home)");
            }
            point = participant.homePlace();
        } else {
            point = area.checked("lat", lat, "lon", lon).toPoint();
        }
        int r = radius == null ? DEFAULT_RADIUS_METRES : radius;
        if (r <= 0 || r > NearbyQuery.MAX_RADIUS_METRES) {
            throw ApiException.invalid("radius", "Range", "the radius must be more than 0 and at most "
                    + NearbyQuery.MAX_RADIUS_METRES + " metres");
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > NearbyQuery.MAX_LIMIT) {
            throw ApiException.invalid("limit", "Range", "the limit must be between 1 and " + NearbyQuery.MAX_LIMIT);
        }
        var after = cursor == null || cursor.isEmpty() ? null : NearbyQuery.Cursor.decode("cursor", cursor);
        return listings.nearby(new NearbyQuery(kind, point, r, category == null || category.isBlank() ? null : category,
                user.participantId(), n, after));
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "One of them: in full for its owner and staff, in public form for other neighbours")
    public Object read(@PathVariable long id, Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        return listings.read(kind, id, user.participantId(), !user.is(Role.RESIDENT));
    }

    @Put("/{id}")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Change an open one of your own")
    public ListingView update(@PathVariable long id, @Valid @Body ListingInput body, Authentication authentication) {
        return listings.update(me(authentication), kind, id, body);
    }

    @Post("/{id}/withdraw")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Take one of your own back")
    public ListingView withdraw(@PathVariable long id, Authentication authentication) {
        return listings.withdraw(me(authentication), kind, id);
    }

    @Post("/{id}/close")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Mark one of your own as done or no longer needed")
    public ListingView close(@PathVariable long id, Authentication authentication) {
        return listings.close(me(authentication), kind, id);
    }

    private Participant me(Authentication authentication) {
        return profiles.ownParticipant(CurrentUser.of(authentication).accountId());
    }
}
