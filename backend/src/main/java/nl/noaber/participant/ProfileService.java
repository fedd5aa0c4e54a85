package nl.noaber.participant;

import io.micronaut.core.order.OrderUtil;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import nl.noaber.account.AccountRepository;
import nl.noaber.account.AuthService;
import nl.noaber.account.Role;
import nl.noaber.category.CategoryRepository;
import nl.noaber.db.RetryOnDeadlock;
import nl.noaber.geo.GeocodedPlace;
import nl.noaber.geo.Geocoder;
import nl.noaber.geo.HouseNumber;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.Postcode;
import nl.noaber.geo.ServiceArea;
import nl.noaber.neighbourhood.Neighbourhood;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import nl.noaber.web.ApiException;

@Singleton
public class ProfileService {
    private final ParticipantRepository participants;
    private final AccountRepository accounts;
    private final AuthService auth;
    private final CategoryRepository categories;
    private final Geocoder geocoder;
    private final NeighbourhoodRepository neighbourhoods;
    private final List<ErasureStep> erasureSteps;
    private final ServiceArea area;

    public ProfileService(ParticipantRepository participants, AccountRepository accounts, AuthService auth,
                          CategoryRepository categories, Geocoder geocoder, NeighbourhoodRepository neighbourhoods,
                          List<ErasureStep> erasureSteps, ServiceArea area) {
        this.participants = participants;
        this.accounts = accounts;
        this.auth = auth;
        this.categories = categories;
        this.geocoder = geocoder;
        this.neighbourhoods = neighbourhoods;
        this.erasureSteps = erasureSteps.stream().sorted(OrderUtil.COMPARATOR).toList();
        this.area = area;
    }

    public record Registered(long accountId, long participantId) {}

    /** A resident signs up: account and participant together, or neither. */
    @Transactional
    public Registered register(String email, String password, String displayName, String preferredLanguage) {
        var account = auth.createAccount(email, password, Role.RESIDENT, null);
        long participantId = participants.createForAccount(account.id(), displayName.trim(), preferredLanguage);
        return new Registered(account.id(), participantId);
    }

    @Transactional
    public Participant ownParticipant(long accountId) {
        return participants.byAccount(accountId).orElseThrow(() -> noParticipant(accountId));
    }

    /** The caller's participant, locked for a change of their own words; see {@link ParticipantRepository#byAccountForUpdate}. */
    private Participant ownParticipantForUpdate(long accountId) {
        return participants.byAccountForUpdate(accountId).orElseThrow(() -> noParticipant(accountId));
    }

    /**
     * 401 when the account's participant was erased (its token outlived it), else 403: a staff
     * account has no participant profile.
     */
    private ApiException noParticipant(long accountId) {
        return participants.erasedByAccount(accountId)
                ? ApiException.accountErased()
                : ApiException.forbidden("Only residents have a participant profile");
    }

    @Transactional
    public ProfileView view(long accountId) {
        return toView(ownParticipant(accountId));
    }

    @Transactional
    @RetryOnDeadlock
    public ProfileView update(long accountId, ProfileUpdate update) {
        Participant p = ownParticipantForUpdate(accountId);
        categories.requireKnown("skills", update.skillsOrEmpty());
        participants.updateProfile(p.id(), update);
        return view(accountId);
    }

    @Transactional
    @RetryOnDeadlock
    public ProfileView updateHome(long accountId, HomeUpdate home) {
        Participant p = ownParticipantForUpdate(accountId);
        boolean byPostcode = home.postcode() != null && !home.postcode().isBlank();
        boolean byPoint = home.lat() != null || home.lon() != null;
        if (byPostcode == byPoint) {
            throw ApiException.invalid("postcode", "OneOf", "give either a postcode (and house number) or lat and lon");
        }
        if (byPoint) {
            LatLon point = area.checked("lat", home.lat(), "lon", home.lon());
            var place = point.toPoint();
            participants.updateHome(p.id(), place, "POINT", null, null,
                    neighbourhoods.containing(place).map(Neighbourhood::id).orElse(null));
        } else {
            Postcode postcode = Postcode.parse("postcode", home.postcode());
            HouseNumber number = HouseNumber.parse("houseNumber", home.houseNumber());
            GeocodedPlace found = geocoder.locate(postcode, number)
                    .orElseThrow(() -> ApiException.unprocessable("postcode", "unknown-postcode",
                            "postcode area " + postcode.pc4() + " is not known"));
            participants.updateHome(p.id(), found.place(), found.precision().name(), postcode.value(),
                    number == null ? null : number.toString(),
                    neighbourhoods.containing(found.place()).map(Neighbourhood::id).orElse(null));
        }
        return view(accountId);
    }

    /**
     * A resident erases themself (the caller confirmed their password first). See
     * {@link #erase(long, long, boolean)}.
     */
    @Transactional
    @RetryOnDeadlock
    public void eraseSelf(long accountId) {
        erase(ownParticipant(accountId).id(), accountId, false);
    }

    /**
     * Erases a participant in one transaction: their own row becomes anonymous, then every feature
     * erases what it keeps of them ({@link ErasureStep}: notifications, listings, matches), and
     * last their account loses its address, password and sessions. 404 when there is no such
     * participant, or they were erased already.
     */
    @Transactional
    @RetryOnDeadlock
    public void erase(long participantId, long byAccountId, boolean byStaff) {
        Participant p = participants.lockForErasure(participantId)
                .orElseThrow(() -> ApiException.notFound("Participant " + participantId));
        participants.erase(participantId, byAccountId);
        var erasure = new ErasureStep.Erasure(participantId, p.accountId(), byAccountId, byStaff);
        for (ErasureStep step : erasureSteps) {
            step.erase(erasure);
        }
        if (p.accountId() != null) {
            auth.erase(p.accountId());
        }
    }

    ProfileView toView(Participant p) {
        String email = p.accountId() == null ? null : accounts.findById(p.accountId()).map(a -> a.email()).orElse(null);
        var home = p.homePlace() == null ? null
                : new ProfileView.Home(LatLon.of(p.homePlace()), p.homePrecision(), p.homePostcode(), p.homeHouseNumber());
        // The neighbourhood was found when the home was set (and again after an import): read it by id.
        var neighbourhood = p.neighbourhoodId() == null ? null : neighbourhoods.byId(p.neighbourhoodId()).orElse(null);
        return new ProfileView(p.id(), p.displayName(), email, home, neighbourhood, p.skills(), p.languages(),
                p.availability(), p.travelRadiusMetres(), p.phone(), p.contactChannels(), p.preferredLanguage(),
                p.createdAt(), p.updatedAt(), p.capacity());
    }
}
