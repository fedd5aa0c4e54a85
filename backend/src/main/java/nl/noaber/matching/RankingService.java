package nl.noaber.matching;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.noaber.category.Category;
import nl.noaber.category.CategoryRepository;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.Places;
import nl.noaber.listing.Schedule;
import nl.noaber.web.ApiException;

/**
 * Ranks helpers for a request, and requests for a volunteer, by the same reasoning (Scorer), with
 * every score explained. Shown distances depend on who looks: a makelaar sees the distance between
 * the helper's home and the request (to 10 m); a resident sees it between the helper's privacy-grid
 * cell and the request's public place, rounded like browsing, so that no ranking can be used to
 * find where a helper lives. A resident does not see a helper's load or reliability either (the
 * score counts them; the words and components are for staff).
 */
@Singleton
public class RankingService {
    /** A helper ranked for a request. */
    @Serdeable
    public record HelperCandidate(long participantId, String kind, String displayName, double score, int distanceMetres,
                                  @Nullable Long offerId, String explanationNl, String explanationEn,
                                  List<Scorer.Component> components) {}

    /**
     * A request's helpers, best first.
     *
     * @param timePassed the time the request asks has passed (a one-off window that has ended, a recurrence
     *                   that has ended): the helpers are still ranked, but a new time is likely needed first
     */
    @Serdeable
    public record HelperRanking(long requestId, String category, boolean timePassed, List<HelperCandidate> candidates) {}

    /** A request ranked for a volunteer: its public form only; {@code timePassed} as in {@link HelperRanking}. */
    @Serdeable
    public record RequestSuggestion(long requestId, String category, String title, LatLon publicPlace,
                                    int distanceMetres, Schedule schedule, boolean timePassed, double score, String explanationNl,
                                    String explanationEn, List<Scorer.Component> components) {}

    /**
     * Requests for a volunteer, best first.
     *
     * @param full   true when the volunteer already carries as many running matches as their capacity
     *               (0: they help nobody now): then there are no suggestions, as they could accept none
     * @param reason when nothing can be suggested whatever requests there are, why, in words (absent
     *               otherwise: an empty list then means no open request nearby fits)
     */
    @Serdeable
    public record RequestSuggestions(List<RequestSuggestion> requests, boolean full, @Nullable Standings.Reason reason) {}

    /** Who is looking: a resident (owner or volunteer) or staff. */
    public enum Viewer { RESIDENT, STAFF }

    private final CandidateRepository candidates;
    private final java.time.Clock clock;
    private final CategoryRepository categories;
    private final Scorer scorer;
    private final MatchingProperties properties;
    private final PlaceGrid grid;

    public RankingService(CandidateRepository candidates, CategoryRepository categories, Scorer scorer,
                          MatchingProperties properties, PlaceGrid grid, java.time.Clock clock) {
        this.clock = clock;
        this.candidates = candidates;
        this.categories = categories;
        this.scorer = scorer;
        this.properties = properties;
        this.grid = grid;
    }

    /** A scored helper, before it is shown to anyone (the words are made only for those shown). */
    public record Scored(CandidateRepository.Helper helper, Scorer.Facts facts, double score) {}

    /** Every eligible helper for the request, best first (ties: nearer, then lower id). */
    public List<Scored> score(CandidateRepository.RequestInfo r) {
        return score(r, 0);
    }

    /** {@link #score(CandidateRepository.RequestInfo)} with both radii {@code margin} metres wider. */
    private List<Scored> score(CandidateRepository.RequestInfo r, int margin) {
        CandidateRepository.Candidates c = candidates.candidates(r, properties.candidatePool(), properties.searchRadiusMetres(),
                margin, properties.reliabilityWindow(), properties.fairnessMemory());
        return score(r, c.helpers(), c.stats(), other -> c.completedTogether().getOrDefault(other, 0));
    }

    /** Scores helpers the caller has fetched, with their stats and history (the city-wide plan fetches them in bulk). */
    public List<Scored> score(CandidateRepository.RequestInfo r, List<CandidateRepository.Helper> helpers,
                              Map<Long, CandidateRepository.Stats> stats, java.util.function.ToIntFunction<Long> completedWithRequester) {
        Scorer.Ask ask = ask(r);
        List<Scored> out = new ArrayList<>(helpers.size());
        for (CandidateRepository.Helper h : helpers) {
            CandidateRepository.Stats s = stats.getOrDefault(h.participantId(), CandidateRepository.Stats.NONE);
            Scorer.Facts facts = new Scorer.Facts(h.distanceMetres(), h.offerId() != null ? Scorer.Fit.OFFER : Scorer.Fit.SKILL,
                    h.dayParts(), h.languages(), completedWithRequester.applyAsInt(h.participantId()), s.running(), s.awaiting(),
                    s.recentCompleted(), h.capacity(), s.declines(), s.cancellations());
            if (scorer.eligible(facts)) {
                out.add(new Scored(h, facts, scorer.total(ask, facts, true)));
            }
        }
        out.sort(Comparator.comparingDouble((Scored x) -> -x.score())
                .thenComparingDouble(x -> x.helper().distanceMetres())
                .thenComparingLong(x -> x.helper().participantId()));
        return out;
    }

    /** The words for a scored helper, as staff see them. */
    public Scorer.Score explain(CandidateRepository.RequestInfo r, Scored s) {
        return scorer.forRequest(ask(r), s.facts());
    }

    Scorer.Ask ask(CandidateRepository.RequestInfo r) {
        Category c = category(r.category());
        Set<String> asked = DayParts.of(r.schedule());
        return new Scorer.Ask(c.labelNl(), c.labelEn(), asked, DayParts.occasions(r.schedule(), asked), r.requesterLanguages());
    }

    private Category category(String code) {
        return categories.byCode(code).orElseThrow(() -> new IllegalStateException("unknown category " + code));
    }

    /** The top helpers for a request, explained, as the viewer may see them. */
    public HelperRanking helpers(long requestId, Long callerParticipant, Viewer viewer, int limit) {
        CandidateRepository.RequestInfo r = request(requestId);
        if (viewer == Viewer.RESIDENT && (callerParticipant == null || r.requesterId() != callerParticipant)) {
            throw ApiException.notFound("request " + requestId);
        }
        if (viewer == Viewer.RESIDENT && !r.requesterMatchable()) {
            // A suspended requester cannot propose, so their neighbours' names and distances are not theirs to see.
            throw ApiException.conflict("requestId", "requester-not-active", "You cannot be matched now; ask your makelaar");
        }
        requireOpen(r);
        boolean timePassed = DayParts.passed(r.schedule(), clock.instant());
        Scorer.Ask ask = ask(r);
        // The requester's ranking applies the radii to the distances they are shown, between grid cells,
        // so that who is in it or not, asked from wherever the request is moved, tells nothing finer than
        // a cell: the candidates come with both radii wider by more than a cell's difference can be.
        List<Scored> scored = viewer == Viewer.STAFF ? score(r) : score(r, grid.coarseDistanceMargin());
        List<HelperCandidate> shown = new ArrayList<>();
        if (viewer == Viewer.STAFF) {
            for (Scored s : scored.subList(0, Math.min(limit, scored.size()))) {
                shown.add(forStaff(ask, s));
            }
            return new HelperRanking(r.id(), r.category(), timePassed, shown);
        }
        // The requester's ranking is scored at the distances they are shown: from the helper's grid
        // cell to the public place, rounded. Ties go by that distance, then by id, never by the exact one.
        record Seen(Scored s, int distance, Scorer.Facts facts, double score) {}
        List<Seen> seen = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            double coarse = cellDistance(s.helper().home(), r);
            if (!withinReach(coarse, s.helper().travelRadiusMetres(), r)) {
                continue;
            }
            int distance = grid.roundDistance(coarse);
            Scorer.Facts facts = s.facts().at(distance);
            seen.add(new Seen(s, distance, facts, scorer.total(ask, facts, true)));
        }
        seen.sort(Comparator.comparingDouble((Seen x) -> -x.score()).thenComparingInt(Seen::distance)
                .thenComparingLong(x -> x.s().helper().participantId()));
        for (Seen x : seen.subList(0, Math.min(limit, seen.size()))) {
            shown.add(candidate(x.s(), scorer.forResident(ask, x.facts()), x.distance()));
        }
        return new HelperRanking(r.id(), r.category(), timePassed, shown);
    }

    /** A ranked helper as staff see them: distances to 10 m, every factor. */
    private HelperCandidate forStaff(Scorer.Ask ask, Scored s) {
        return candidate(s, scorer.forRequest(ask, s.facts()), Scorer.tens(s.helper().distanceMetres()));
    }

    private static HelperCandidate candidate(Scored s, Scorer.Score score, int distance) {
        return new HelperCandidate(s.helper().participantId(), s.helper().kind(), s.helper().displayName(),
                score.score(), distance, s.helper().offerId(), score.explanationNl(), score.explanationEn(),
                score.components());
    }

    /**
     * Where one participant stands for a request (staff only): their place in the ranking with its
     * reasons, or every rule that keeps them out of it.
     *
     * @param rank       their place among all eligible candidates (1 is the top); null when they are not one
     * @param candidates how many eligible candidates the request has
     * @param ranked     their score and its reasons when they are a candidate
     * @param reasons    why they are not a candidate (empty when they are)
     */
    @Serdeable
    public record HelperStanding(long requestId, long participantId, String displayName, @Nullable Integer rank,
                                 int candidates, @Nullable HelperCandidate ranked, List<Standings.Reason> reasons) {}

    public HelperStanding standing(long requestId, long participantId) {
        CandidateRepository.RequestInfo r = requireOpen(request(requestId));
        CandidateRepository.Standing s = candidates.standing(r, participantId)
                .orElseThrow(() -> ApiException.notFound("participant " + participantId));
        List<Scored> all = score(r);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).helper().participantId() == participantId) {
                return new HelperStanding(r.id(), participantId, s.displayName(), i + 1, all.size(), forStaff(ask(r), all.get(i)),
                        List.of());
            }
        }
        List<Standings.Reason> reasons = Standings.reasons(s, r, category(r.category()), r.searchRadius(properties.searchRadiusMetres()));
        if (reasons.isEmpty()) {
            reasons = List.of(Standings.beyondPool(properties.candidatePool()));
        }
        return new HelperStanding(r.id(), participantId, s.displayName(), null, all.size(), null, reasons);
    }

    /**
     * Whether a participant is within reach of the request: they have a home within the request's
     * search radius and their own travel radius. Whom a requester may invite: a neighbour, not anyone
     * in the city by number. Measured as the requester's ranking shows distances, from the
     * participant's privacy-grid cell to the request's public place, so that no yes or no, however
     * often asked from however many places, narrows down where someone lives beyond their cell.
     * (Skills, load and the other rules are left to the invited person's own answer.)
     */
    public boolean withinReach(long requestId, long participantId) {
        CandidateRepository.RequestInfo r = request(requestId);
        return candidates.standing(r, participantId).filter(s -> s.home() != null)
                .map(s -> withinReach(cellDistance(s.home(), r), s.travelRadiusMetres(), r))
                .orElse(false);
    }

    /** From a home's privacy-grid cell to the request's public place: the distance a requester is shown, unrounded. */
    private double cellDistance(org.locationtech.jts.geom.Point home, CandidateRepository.RequestInfo r) {
        return Places.sphereDistance(grid.coarsen(home), r.publicPlace());
    }

    /** The ranking's two radii, applied to a distance between cells: the requester's view of who is within reach. */
    private boolean withinReach(double cellDistance, int travelRadiusMetres, CandidateRepository.RequestInfo r) {
        return cellDistance <= Math.min(travelRadiusMetres, r.searchRadius(properties.searchRadiusMetres()));
    }

    /** The request, or 404. */
    private CandidateRepository.RequestInfo request(long requestId) {
        return candidates.request(requestId).orElseThrow(() -> ApiException.notFound("request " + requestId));
    }

    /** Helpers are ranked for open requests only (409 otherwise). */
    private static CandidateRepository.RequestInfo requireOpen(CandidateRepository.RequestInfo r) {
        if (!nl.noaber.listing.Status.valueOf(r.status()).takesHelpers(r.schedule())) {
            throw ApiException.conflict("requestId", "request-not-open",
                    "Helpers are ranked for open requests (and matched recurring ones, for a second helper); this one is " + r.status());
        }
        return r;
    }

    /** Refuses (404) unless the request exists and belongs to the participant. */
    public void requireOwnRequest(long requestId, long participantId) {
        CandidateRepository.RequestInfo r = request(requestId);
        if (r.requesterId() != participantId) {
            throw ApiException.notFound("request " + requestId);
        }
    }

    /**
     * Open requests that fit a volunteer (their skills and the categories of their open offers),
     * within their travel radius and the search radius (the ranking's two radii), best first;
     * {@code except} leaves one request out (reciprocity). None for a volunteer without room for
     * another match ({@link RequestSuggestions#full}).
     */
    public RequestSuggestions requestsFor(long participantId, int limit, @Nullable Long except) {
        CandidateRepository.Volunteer v = candidates.volunteer(participantId)
                .orElseThrow(() -> ApiException.notFound("participant " + participantId));
        if (v.home() == null) {
            throw ApiException.conflict("home", "no-home", "Set a home place first (PUT /api/me/home): suggestions are for nearby requests");
        }
        if (!v.matchable()) {
            // Suspended, inactive or with a disabled account: nobody could propose them (the ranking
            // leaves them out too), so nothing is suggested.
            return new RequestSuggestions(List.of(), false, new Standings.Reason("NOT_MATCHABLE",
                    "nu niet te matchen: geschorst, niet actief of het account is uitgeschakeld",
                    "cannot be matched now: suspended, inactive or with a disabled account"));
        }
        int running = candidates.running(participantId);
        if (!Scorer.hasRoom(running, v.capacity())) {
            return new RequestSuggestions(List.of(), true, v.capacity() == 0
                    ? Standings.noCapacity()
                    : new Standings.Reason("CAPACITY", "al " + Scorer.running(running, v.capacity(), true) + ": er kan nu niets bij",
                            "already " + Scorer.running(running, v.capacity(), false) + ": no room for another now"));
        }
        Set<String> viaOffer = candidates.offerCategories(participantId);
        Set<String> cats = new LinkedHashSet<>(v.skills());
        cats.addAll(viaOffer);
        cats.retainAll(categories.codes());
        if (cats.isEmpty()) {
            return new RequestSuggestions(List.of(), false, new Standings.Reason("NO_SKILLS",
                    "geen vaardigheden in het profiel en geen open aanbod: daar zoeken de suggesties op",
                    "no skills in the profile and no open offer: suggestions are found by those"));
        }
        Map<Long, Integer> together = candidates.completedTogether(participantId);
        record Ranked(CandidateRepository.NearbyRequest n, Scorer.Ask ask, Scorer.Facts facts, double score, int shown) {}
        List<Ranked> ranked = new ArrayList<>();
        for (CandidateRepository.NearbyRequest n : candidates.requestsFor(v, cats, viaOffer, properties.candidatePool(),
                properties.searchRadiusMetres())) {
            if (except != null && n.request().id() == except) {
                continue;
            }
            int shown = grid.roundDistance(n.publicDistanceMetres());
            // Like browsing, everything a volunteer sees of a request comes from its public place.
            Scorer.Facts facts = new Scorer.Facts(n.publicDistanceMetres(), n.viaOffer() ? Scorer.Fit.OFFER : Scorer.Fit.SKILL,
                    v.dayParts(), v.languages(), together.getOrDefault(n.request().requesterId(), 0), 0, 0, 0, v.capacity(), 0, 0);
            Scorer.Ask ask = ask(n.request());
            ranked.add(new Ranked(n, ask, facts, scorer.total(ask, facts, false), shown));
        }
        ranked.sort(Comparator.comparingDouble((Ranked x) -> -x.score())
                .thenComparingDouble(x -> x.n().publicDistanceMetres())
                .thenComparingLong(x -> x.n().request().id()));
        List<RequestSuggestion> out = new ArrayList<>();
        java.time.Instant now = clock.instant();
        for (Ranked x : ranked.subList(0, Math.min(limit, ranked.size()))) {
            CandidateRepository.RequestInfo r = x.n().request();
            Scorer.Score score = scorer.withShownDistance(x.ask(), x.facts(), x.shown(), true);
            out.add(new RequestSuggestion(r.id(), r.category(), r.title(), LatLon.of(r.publicPlace()),
                    x.shown(), r.schedule(), DayParts.passed(r.schedule(), now), score.score(), score.explanationNl(),
                    score.explanationEn(),
                    score.components()));
        }
        return new RequestSuggestions(out, false, null);
    }
}
