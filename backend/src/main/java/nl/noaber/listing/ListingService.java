package nl.noaber.listing;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import nl.noaber.category.CategoryRepository;
import nl.noaber.db.RetryOnDeadlock;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.PrivacyProperties;
import nl.noaber.geo.ServiceArea;
import nl.noaber.neighbourhood.Neighbourhood;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import nl.noaber.participant.Participant;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;
import org.locationtech.jts.geom.Point;

/** Requests and offers: only their owner changes them; everyone else sees the coarse public place. */
@Singleton
public class ListingService {
    private final ListingRepository listings;
    private final NearbyRepository nearby;
    private final CategoryRepository categories;
    private final NeighbourhoodRepository neighbourhoods;
    private final PlaceGrid grid;
    private final PrivacyProperties privacy;
    private final ApplicationEventPublisher<ListingEnded> events;
    private final ApplicationEventPublisher<ListingChanged> changes;
    private final java.time.Clock clock;
    private final ServiceArea area;

    public ListingService(ListingRepository listings, NearbyRepository nearby, CategoryRepository categories,
                          NeighbourhoodRepository neighbourhoods, PlaceGrid grid, PrivacyProperties privacy,
                          ApplicationEventPublisher<ListingEnded> events, ApplicationEventPublisher<ListingChanged> changes,
                          java.time.Clock clock, ServiceArea area) {
        this.listings = listings;
        this.nearby = nearby;
        this.categories = categories;
        this.neighbourhoods = neighbourhoods;
        this.grid = grid;
        this.privacy = privacy;
        this.events = events;
        this.changes = changes;
        this.clock = clock;
        this.area = area;
    }

    @Transactional
    @RetryOnDeadlock
    public ListingView create(Participant owner, Kind kind, ListingInput input) {
        if (!listings.holdOwner(owner.id())) {
            throw ApiException.accountErased();
        }
        Checked c = check(owner, input);
        c.schedule().stillToCome("schedule", clock.instant());
        long id = listings.insert(kind, owner.id(), input.category(), input.title().trim(), c.description(),
                c.place(), grid.publicPlace(c.place()), c.neighbourhood() == null ? null : c.neighbourhood().id(), c.schedule(),
                searchRadius(kind, input));
        return ownView(listings.byId(id).orElseThrow());
    }

    @Transactional
    @RetryOnDeadlock
    public ListingView update(Participant owner, Kind kind, long id, ListingInput input) {
        Listing listing = owned(owner, kind, id);
        if (listing.status() != Status.OPEN) {
            throw ApiException.conflict("listing-not-open", "Only an open " + kind.name().toLowerCase() + " can be changed; this one is "
                    + listing.status());
        }
        Checked c = check(owner, input);
        if (!listing.schedule().sameAs(c.schedule())) {
            // A new time must still be to come; new words for a listing whose time went by are fine.
            c.schedule().stillToCome("schedule", clock.instant());
        }
        listings.update(id, input.category(), input.title().trim(), c.description(), c.place(), grid.publicPlace(c.place()),
                c.neighbourhood() == null ? null : c.neighbourhood().id(), c.schedule(), searchRadius(kind, input));
        List<String> changed = changes(listing, input.category(), c);
        if (!changed.isEmpty()) {
            // Matching ends the proposals made for what it was, in this transaction (listeners run synchronously).
            changes.publishEvent(new ListingChanged(id, kind, changed, owner.id(), owner.accountId()));
        }
        return ownView(listings.byId(id).orElseThrow());
    }

    /**
     * What a change alters of what a proposal was made for: for a request its category, its place and
     * its time; for an offer its category (a match is made at the request's place and time, the
     * offer only says in what the helper helps). Wording (title, description) and the search radius
     * are not among them.
     */
    private static List<String> changes(Listing before, String category, Checked after) {
        List<String> changed = new java.util.ArrayList<>(3);
        if (!before.categoryCode().equals(category)) {
            changed.add("category");
        }
        if (before.kind() == Kind.REQUEST) {
            if (!before.place().equalsExact(after.place(), 1e-9)) {
                changed.add("place");
            }
            if (!before.schedule().sameAs(after.schedule())) {
                changed.add("schedule");
            }
        }
        return changed;
    }

    /**
     * A makelaar sets (or, with null, clears) a request's own search radius: wider for a request
     * nobody nearby can take, narrower for one that should stay in the street. Only while the
     * request can still be matched (OPEN or MATCHED).
     */
    @Transactional
    @RetryOnDeadlock
    public ListingView setSearchRadius(long requestId, @io.micronaut.core.annotation.Nullable Integer metres) {
        Listing request = listings.byIdForUpdate(requestId).filter(l -> l.kind() == Kind.REQUEST)
                .orElseThrow(() -> ApiException.notFound("Request " + requestId));
        if (request.status() != Status.OPEN && request.status() != Status.MATCHED) {
            throw ApiException.conflict("status", "listing-not-open", "The request is " + request.status()
                    + "; its search radius no longer matters");
        }
        listings.setSearchRadius(requestId, metres);
        return ownView(listings.byId(requestId).orElseThrow());
    }

    /** The owner takes an open or matched listing back. */
    @Transactional
    @RetryOnDeadlock
    public ListingView withdraw(Participant owner, Kind kind, long id) {
        return move(owner, kind, id, List.of(Status.OPEN, Status.MATCHED), Status.WITHDRAWN);
    }

    /** The owner says it is done or no longer needed. */
    @Transactional
    @RetryOnDeadlock
    public ListingView close(Participant owner, Kind kind, long id) {
        return move(owner, kind, id, List.of(Status.OPEN, Status.MATCHED), Status.CLOSED);
    }

    private ListingView move(Participant owner, Kind kind, long id, List<Status> from, Status to) {
        Listing listing = owned(owner, kind, id);
        if (!listings.transition(id, from, to)) {
            throw ApiException.conflict("illegal-transition", "A " + listing.status() + " " + kind.name().toLowerCase()
                    + " cannot become " + to);
        }
        // Matching ends what hung on it, in this transaction (listeners run synchronously).
        events.publishEvent(new ListingEnded(id, kind, to, owner.id(), owner.accountId()));
        return ownView(listings.byId(id).orElseThrow());
    }

    @Transactional
    public List<ListingView> mine(Participant owner, Kind kind) {
        return listings.byParticipant(owner.id(), kind).stream().map(this::ownView).toList();
    }

    /** A page of the participant's own listings of one kind, newest first, after {@code after}. */
    @Transactional
    public Page<ListingView> mine(Participant owner, Kind kind, @Nullable TimeCursor after, int limit) {
        return TimeCursor.page(listings.byParticipant(owner.id(), kind, after, limit).stream().map(this::ownView).toList(), limit,
                ListingView::createdAt, ListingView::id);
    }

    /**
     * One listing. Its owner and staff see everything; any other neighbour sees the public form of
     * an open listing, and nothing (404) of one that is no longer open.
     */
    @Transactional
    public Object read(Kind kind, long id, Long participantId, boolean staff) {
        Listing listing = listings.byId(id).filter(l -> l.kind() == kind)
                .orElseThrow(() -> ApiException.notFound(label(kind) + " " + id));
        if (staff || (participantId != null && listing.participantId() == participantId)) {
            return ownView(listing);
        }
        // Neighbours see open ones only, and not those of someone suspended or disabled, or of
        // someone either of the two blocked: the same answer as for one that does not exist.
        if (listing.status() != Status.OPEN || participantId == null || !listings.shownTo(id, participantId)) {
            throw ApiException.notFound(label(kind) + " " + id);
        }
        return new PublicListing(listing.id(), listing.kind(), listing.categoryCode(), listing.title(), listing.description(),
                LatLon.of(listing.publicPlace()), privacy.gridMetres(), neighbourhoodName(listing.neighbourhoodId()), null,
                listing.schedule(), listing.createdAt());
    }

    public NearbyPage nearby(NearbyQuery query) {
        if (query.category() != null) {
            categories.requireKnown("category", List.of(query.category()));
        }
        // One more than asked tells whether a next page exists without a second query.
        var probe = new NearbyQuery(query.kind(), query.point(), query.radiusMetres(), query.category(),
                query.excludeParticipant(), query.limit() + 1, query.after());
        List<NearbyRepository.Row> rows = nearby.nearby(probe);
        boolean more = rows.size() > query.limit();
        List<NearbyRepository.Row> page = more ? rows.subList(0, query.limit()) : rows;
        List<PublicListing> items = page.stream().map(r -> new PublicListing(r.id(), query.kind(), r.category(), r.title(),
                r.description(), LatLon.of(r.publicPlace()), privacy.gridMetres(), r.neighbourhood(),
                grid.roundDistance(r.distance()), r.schedule(), r.createdAt())).toList();
        NearbyRepository.Row last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = more ? new NearbyQuery.Cursor(last.rank(), last.id()).encode() : null;
        return new NearbyPage(items, next);
    }

    private record Checked(Point place, Neighbourhood neighbourhood, Schedule schedule, String description) {}

    /** A request's own search radius, if given; an offer has none (it is not searched from). */
    private static Integer searchRadius(Kind kind, ListingInput input) {
        if (input.searchRadiusMetres() != null && kind != Kind.REQUEST) {
            throw ApiException.invalid("searchRadiusMetres", "RequestsOnly", "only a request has a search radius");
        }
        return input.searchRadiusMetres();
    }

    private Checked check(Participant owner, ListingInput input) {
        categories.requireKnown("category", List.of(input.category()));
        if (input.title().isBlank()) {
            throw ApiException.invalid("title", "NotBlank", "a title is needed");
        }
        Point place;
        if (input.place() == null) {
            if (owner.homePlace() == null) {
                throw ApiException.unprocessable("place", "home-not-set",
                        "give a place, or set your home first (PUT /api/me/home)");
            }
            place = owner.homePlace();
        } else {
            place = area.checked("place.lat", input.place().lat(), "place.lon", input.place().lon()).toPoint();
        }
        Schedule schedule = input.schedule().checked("schedule");
        String description = input.description() == null ? "" : input.description().trim();
        return new Checked(place, neighbourhoods.containing(place).orElse(null), schedule, description);
    }

    /** Someone else's listing answers 404, exactly like one that does not exist: ids tell nothing. */
    private Listing owned(Participant owner, Kind kind, long id) {
        return listings.byIdForUpdate(id).filter(l -> l.kind() == kind && l.participantId() == owner.id())
                .orElseThrow(() -> ApiException.notFound(label(kind) + " " + id));
    }

    ListingView ownView(Listing l) {
        return new ListingView(l.id(), l.kind(), l.categoryCode(), l.title(), l.description(), LatLon.of(l.place()),
                LatLon.of(l.publicPlace()), neighbourhoodName(l.neighbourhoodId()), l.schedule(), l.status(),
                l.createdAt(), l.updatedAt(), l.searchRadiusMetres());
    }

    private String neighbourhoodName(Long id) {
        return id == null ? null : neighbourhoods.name(id).orElse(null);
    }

    private static String label(Kind kind) {
        return kind == Kind.REQUEST ? "Request" : "Offer";
    }
}
