package nl.noaber.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.noaber.web.ApiException;

/**
 * The city-wide suggestion for makelaars: for all waiting requests in an area at once, which
 * helper for which request, so that the most requests get a helper, at the least total cost, under
 * the ranking's constraints (skills or offers, radii, exclusions, capacity) and one more: the helper
 * is free at one of the asked times (or either side gave no times).
 *
 * <p>The cost is in metres of travel: a pair costs its distance, plus {@code plan-metres-per-point}
 * for every score point it misses on fit, availability, language, history and reliability
 * ({@link Scorer#shortfall}), plus {@code plan-load-penalty-metres} for every match the helper
 * already carries (running, or completed within {@code fairness-memory}); and the k-th match the
 * plan gives one helper costs (k − 1) load penalties more. So the plan keeps travel short, and
 * spreads the work when the next helper is barely further away.
 * The answer is a list of suggestions with explanations, never matches: a makelaar proposes them.
 */
@Singleton
public class PlanService {
    /** The most waiting requests one plan takes on. */
    public static final int MAX_REQUESTS = 2_000;

    /**
     * A suggested pair.
     *
     * @param rank        the helper's place in the request's ranking (1: its first choice)
     * @param firstChoice when the plan suggests someone else than the ranking's first choice: who that is and why
     * @param timePassed  the time the request asks has passed (a one-off window that has ended, a recurrence
     *                    past its last day): agree a new time with the requester, or close it, before proposing
     */
    @Serdeable
    public record Suggestion(long requestId, String requestTitle, String category, long helperId, String helperName,
                             String helperKind, double score, int distanceMetres, @Nullable Long offerId,
                             String explanationNl, String explanationEn, List<Scorer.Component> components,
                             int rank, @Nullable FirstChoice firstChoice, boolean timePassed) {}

    /**
     * The ranking's first choice for a request that the plan gives to someone else, and the reason: not free
     * at an asked time ({@code NOT_FREE}); suggested for other requests that fill their room
     * ({@code PLANNED_ELSEWHERE}); dearer in the plan's metres ({@code NEARER}: the suggested helper is
     * nearer or fits better as the plan counts); or carrying more matches ({@code SPREAD}).
     */
    @Serdeable
    public record FirstChoice(long participantId, String displayName, int distanceMetres, Standings.Reason reason) {}

    /**
     * A waiting request for which no helper could be found under the constraints.
     *
     * @param candidates                eligible helpers the ranking knows for it
     * @param candidatesFreeAtAskedTime of those, the ones free at an asked time (the plan's pairs)
     * @param reason                    {@code NO_CANDIDATES}, {@code NOT_FREE} (none free at an asked time),
     *                                  {@code NO_ROOM} (the free ones are all needed for other requests in this plan) or
     *                                  {@code AWAITING_ANSWERS} (every free one's room is taken by proposals waiting for their answer)
     * @param timePassed                as in {@link Suggestion}
     */
    @Serdeable
    public record Unmatched(long requestId, String requestTitle, String category, int candidates,
                            int candidatesFreeAtAskedTime, Standings.Reason reason, boolean timePassed) {}

    /**
     * The plan for an area.
     *
     * @param awaitingAnswer open requests in the area with proposals out, waiting for the other side's answer: not
     *                       planned (they have a helper in view), listed so that the makelaar can follow them up
     */
    @Serdeable
    public record Plan(int waitingRequests, int matched, int helpersConsidered, double meanDistanceMetres,
                       List<Suggestion> suggestions, List<Unmatched> unmatched,
                       List<CandidateRepository.AwaitingRequest> awaitingAnswer) {}

    /**
     * How many candidate statements a plan runs at once, each for its share of the requests: two
     * keep both cores of the benchmark machine busy (four were slower: 1.4–2.1 s against 1.3 s for
     * the plan's 600 requests).
     */
    static final int PARALLEL_QUERIES = 2;

    private final CandidateRepository candidates;
    private final RankingService ranking;
    private final Scorer scorer;
    private final MatchingProperties properties;
    private final ExecutorService executor;
    private final java.time.Clock clock;
    private final nl.noaber.neighbourhood.NeighbourhoodRepository neighbourhoodRepository;

    public PlanService(CandidateRepository candidates, RankingService ranking, Scorer scorer, MatchingProperties properties,
                       @Named(TaskExecutors.BLOCKING) ExecutorService executor, java.time.Clock clock,
                       nl.noaber.neighbourhood.NeighbourhoodRepository neighbourhoodRepository) {
        this.neighbourhoodRepository = neighbourhoodRepository;
        this.candidates = candidates;
        this.ranking = ranking;
        this.scorer = scorer;
        this.properties = properties;
        this.executor = executor;
        this.clock = clock;
    }

    private List<List<CandidateRepository.Helper>> candidatesOf(List<CandidateRepository.RequestInfo> waiting) {
        int n = waiting.size();
        @SuppressWarnings("unchecked")
        List<CandidateRepository.Helper>[] out = new List[n];
        int chunk = Math.max(1, (n + PARALLEL_QUERIES - 1) / PARALLEL_QUERIES);
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int end = Math.min(n, from + chunk);
            parts.add(CompletableFuture.runAsync(() -> {
                List<List<CandidateRepository.Helper>> part = candidates.helpersFor(waiting.subList(start, end),
                        properties.planCandidatePool(), properties.searchRadiusMetres());
                for (int i = start; i < end; i++) {
                    out[i] = part.get(i - start);
                }
            }, executor));
        }
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        return java.util.Arrays.asList(out);
    }

    /** The plan for the waiting requests in these neighbourhoods and circle (null: no limit of that kind). */
    public Plan plan(@Nullable Set<Long> neighbourhoods, @Nullable CandidateRepository.Circle circle) {
        if (neighbourhoods != null) {
            for (long id : neighbourhoods) {
                if (neighbourhoodRepository.byId(id).isEmpty()) {
                    // Else an unknown id plans nothing, which reads as "nobody is waiting there".
                    throw ApiException.unprocessable("neighbourhood", "unknown-neighbourhood",
                            "there is no neighbourhood " + id + " (GET /api/neighbourhoods lists them)");
                }
            }
        }
        List<CandidateRepository.RequestInfo> waiting = candidates.waitingRequests(neighbourhoods, circle, MAX_REQUESTS + 1);
        if (waiting.size() > MAX_REQUESTS) {
            throw ApiException.unprocessable(neighbourhoods != null ? "neighbourhood" : circle != null ? "radius" : "neighbourhood",
                    "Size", "more than " + MAX_REQUESTS + " waiting requests: plan a smaller area (give one or more neighbourhood ids"
                            + (circle != null ? ", or a smaller radius" : "") + ")");
        }
        // Candidates per request, in a few statements run at once (each for a share of the
        // requests, so the database works on both cores), then everyone's history in bulk (from
        // their lane rows, as a ranking counts it).
        List<List<CandidateRepository.Helper>> helpersOf = candidatesOf(waiting);
        Map<Long, CandidateRepository.Helper> allHelpers = new LinkedHashMap<>();
        for (List<CandidateRepository.Helper> hs : helpersOf) {
            for (CandidateRepository.Helper h : hs) {
                allHelpers.putIfAbsent(h.participantId(), h);
            }
        }
        Map<Long, CandidateRepository.Stats> stats = candidates.stats(allHelpers.keySet(), properties.reliabilityWindow(),
                properties.fairnessMemory());
        Map<CandidateRepository.Pair, Integer> pairs = candidates.completedPairs(
                waiting.stream().map(CandidateRepository.RequestInfo::requesterId).distinct().toList());

        // The flow network: requests, helpers with their spare capacity, scored pairs as edges.
        Map<Long, Integer> helperIndex = new HashMap<>();
        List<CandidateRepository.Helper> helperList = new ArrayList<>();
        List<CityPlanner.Edge> edges = new ArrayList<>();
        List<Map<Integer, RankingService.Scored>> scoredOf = new ArrayList<>(waiting.size());
        List<List<RankingService.Scored>> rankedOf = new ArrayList<>(waiting.size());
        List<Scorer.Ask> asks = new ArrayList<>(waiting.size());
        double loadPenalty = properties.planLoadPenaltyMetres();
        for (int ri = 0; ri < waiting.size(); ri++) {
            CandidateRepository.RequestInfo r = waiting.get(ri);
            Scorer.Ask ask = ranking.ask(r);
            List<RankingService.Scored> scored = ranking.score(r, helpersOf.get(ri), stats,
                    other -> pairs.getOrDefault(CandidateRepository.Pair.of(r.requesterId(), other), 0));
            rankedOf.add(scored);
            asks.add(ask);
            Map<Integer, RankingService.Scored> byHelper = new HashMap<>();
            for (RankingService.Scored s : scored) {
                Scorer.Facts f = s.facts();
                if (!Scorer.freeAtAskedTime(ask.dayParts(), f.dayParts())) {
                    continue;
                }
                int hi = helperIndex.computeIfAbsent(s.helper().participantId(), id -> {
                    helperList.add(s.helper());
                    return helperList.size() - 1;
                });
                byHelper.put(hi, s);
                double carried = loadPenalty * (f.running() + f.recentCompleted());
                edges.add(new CityPlanner.Edge(ri, hi, metres(ask, s) + carried));
            }
            scoredOf.add(byHelper);
        }
        int[] capacity = new int[helperList.size()];
        for (int h = 0; h < capacity.length; h++) {
            CandidateRepository.Helper helper = helperList.get(h);
            // A proposal waiting for a helper's answer holds a place: accepting it takes one of their running matches.
            CandidateRepository.Stats st = stats.getOrDefault(helper.participantId(), CandidateRepository.Stats.NONE);
            capacity[h] = Math.max(0, helper.capacity() - st.running() - st.awaiting());
        }
        CityPlanner.Plan plan = CityPlanner.plan(waiting.size(), capacity, edges, loadPenalty);
        List<List<Integer>> plannedFor = new ArrayList<>(helperList.size());
        for (int h = 0; h < helperList.size(); h++) {
            plannedFor.add(new ArrayList<>(1));
        }
        for (int ri = 0; ri < waiting.size(); ri++) {
            if (plan.helperOfRequest()[ri] >= 0) {
                plannedFor.get(plan.helperOfRequest()[ri]).add(ri);
            }
        }

        List<Suggestion> suggestions = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        java.time.Instant now = clock.instant();
        double distance = 0;
        for (int ri = 0; ri < waiting.size(); ri++) {
            CandidateRepository.RequestInfo r = waiting.get(ri);
            int hi = plan.helperOfRequest()[ri];
            if (hi < 0) {
                int eligible = rankedOf.get(ri).size();
                int free = scoredOf.get(ri).size();
                int withRoom = (int) scoredOf.get(ri).keySet().stream().filter(h -> capacity[h] > 0).count();
                unmatched.add(new Unmatched(r.id(), r.title(), r.category(), eligible, free,
                        whyUnmatched(asks.get(ri), eligible, free, withRoom), DayParts.passed(r.schedule(), now)));
                continue;
            }
            RankingService.Scored s = scoredOf.get(ri).get(hi);
            distance += s.helper().distanceMetres();
            Scorer.Score explained = ranking.explain(r, s);
            List<RankingService.Scored> ranked = rankedOf.get(ri);
            int rank = ranked.indexOf(s) + 1;
            FirstChoice first = null;
            if (rank > 1) {
                RankingService.Scored top = ranked.get(0);
                Integer ti = helperIndex.get(top.helper().participantId());
                List<Integer> elsewhere = ti == null ? List.of() : plannedFor.get(ti);
                first = new FirstChoice(top.helper().participantId(), top.helper().displayName(),
                        Scorer.tens(top.helper().distanceMetres()), whyNot(asks.get(ri), top, s, elsewhere,
                        ti == null ? 0 : capacity[ti], top.facts().awaiting(), waiting));
            }
            suggestions.add(new Suggestion(r.id(), r.title(), r.category(), s.helper().participantId(), s.helper().displayName(),
                    s.helper().kind(), explained.score(), Scorer.tens(s.helper().distanceMetres()),
                    s.helper().offerId(), explained.explanationNl(), explained.explanationEn(), explained.components(),
                    rank, first, DayParts.passed(r.schedule(), now)));
        }
        return new Plan(waiting.size(), suggestions.size(), helperList.size(),
                suggestions.isEmpty() ? 0 : Math.round(distance / suggestions.size()), suggestions, unmatched,
                candidates.awaitingAnswer(neighbourhoods, circle, MAX_REQUESTS));
    }

    /**
     * Why a request stays without a helper: nobody can help, nobody who can is free then, every free one
     * has proposals waiting for their answer that fill their room, or the plan needs every free one with
     * room for other requests (the plan matches the most requests it can, so a free candidate with room
     * would have been taken).
     */
    static Standings.Reason whyUnmatched(Scorer.Ask ask, int candidates, int free, int withRoom) {
        if (candidates == 0) {
            return new Standings.Reason("NO_CANDIDATES",
                    "niemand binnen bereik met " + Scorer.quoted(ask.categoryLabelNl())
                            + " in aanbod of profiel kan deze hulpvraag nu aannemen (ook niet wie vol zit, geblokkeerd is of al nee zei)",
                    "nobody within reach who offers " + Scorer.quoted(ask.categoryLabelEn())
                            + " or has it in their profile can take this request now (not those at capacity, blocked or who said no)");
        }
        if (free == 0) {
            return new Standings.Reason("NOT_FREE",
                    candidates == 1 ? "1 helper kan helpen, maar is niet vrij op een gevraagd moment"
                            : candidates + " helpers kunnen helpen, maar niemand van hen is vrij op een gevraagd moment",
                    candidates == 1 ? "1 helper can help but is not free at any requested time"
                            : candidates + " helpers can help, but none of them is free at any requested time");
        }
        if (withRoom == 0) {
            return new Standings.Reason("AWAITING_ANSWERS",
                    free == 1 ? "1 helper is vrij, maar heeft voorstellen die op antwoord wachten en geen ruimte meer"
                            : free + " helpers zijn vrij, maar hebben voorstellen die op antwoord wachten en geen ruimte meer",
                    free == 1 ? "1 helper is free but has proposals waiting for an answer, which leave no room"
                            : free + " helpers are free but have proposals waiting for an answer, which leave no room");
        }
        int waitingToAnswer = free - withRoom;
        return new Standings.Reason("NO_ROOM",
                (withRoom == 1 ? "1 helper is vrij, maar nodig voor een andere hulpvraag in dit plan"
                        : withRoom + " helpers zijn vrij, maar allemaal nodig voor andere hulpvragen in dit plan")
                        + (waitingToAnswer == 0 ? "" : "; " + waitingToAnswer + " andere"
                        + (waitingToAnswer == 1 ? " heeft" : " hebben") + " voorstellen die op antwoord wachten"),
                (withRoom == 1 ? "1 helper is free but needed for another request in this plan"
                        : withRoom + " helpers are free but all are needed for other requests in this plan")
                        + (waitingToAnswer == 0 ? "" : "; " + waitingToAnswer + (waitingToAnswer == 1 ? " other has" : " others have")
                        + " proposals waiting for an answer"));
    }

    /** A pair's cost in the plan before load: its distance plus {@code plan-metres-per-point} per score point it misses. */
    private double metres(Scorer.Ask ask, RankingService.Scored s) {
        return s.facts().distanceMetres() + properties.planMetresPerPoint() * scorer.shortfall(ask, s.facts());
    }

    /**
     * Why the plan passes over the ranking's first choice {@code top} for {@code chosen}: the first that
     * holds of not free at an asked time, no room left by proposals waiting for their answer ({@code awaiting}),
     * suggested for other requests ({@code elsewhere}) that leave no room ({@code room}: capacity less running
     * matches and proposals awaiting an answer), dearer in metres before load (or not carrying any load, so
     * metres decided), else carrying more matches.
     */
    private Standings.Reason whyNot(Scorer.Ask ask, RankingService.Scored top, RankingService.Scored chosen,
                                    List<Integer> elsewhere, int room, int awaiting, List<CandidateRepository.RequestInfo> waiting) {
        if (!Scorer.freeAtAskedTime(ask.dayParts(), top.facts().dayParts())) {
            return new Standings.Reason("NOT_FREE", "is niet vrij op een gevraagd moment", "is not free at any requested time");
        }
        if (room == 0 && awaiting > 0) {
            return new Standings.Reason("AWAITING_ANSWERS",
                    awaiting == 1 ? "heeft een voorstel dat op antwoord wacht en daarmee geen ruimte meer"
                            : "heeft " + awaiting + " voorstellen die op antwoord wachten en daarmee geen ruimte meer",
                    awaiting == 1 ? "has a proposal waiting for their answer, which leaves no room for more"
                            : "has " + awaiting + " proposals waiting for their answer, which leave no room for more");
        }
        if (!elsewhere.isEmpty() && elsewhere.size() >= room) {
            String title = waiting.get(elsewhere.get(0)).title();
            int more = elsewhere.size() - 1;
            return new Standings.Reason("PLANNED_ELSEWHERE",
                    "staat in dit plan al ingepland voor „" + title + "”" + (more > 0 ? " en nog " + more + " andere" : "")
                            + " en heeft dan geen ruimte meer",
                    "is suggested for “" + title + "”" + (more > 0 ? " and " + more + " more" : "")
                            + ", which leaves no room for more");
        }
        double topMetres = metres(ask, top);
        double chosenMetres = metres(ask, chosen);
        int carried = top.facts().running() + top.facts().recentCompleted();
        String perPoint = Math.round(properties.planMetresPerPoint()) + " m";
        if (chosenMetres <= topMetres || carried + elsewhere.size() == 0) {
            return new Standings.Reason("NEARER",
                    "het plan rekent in meters (afstand plus " + perPoint + " per gemist scorepunt): "
                            + chosen.helper().displayName() + " komt op " + Math.round(chosenMetres) + " m, "
                            + top.helper().displayName() + " op " + Math.round(topMetres) + " m",
                    "the plan counts in metres (distance plus " + perPoint + " per score point missed): "
                            + chosen.helper().displayName() + " comes to " + Math.round(chosenMetres) + " m, "
                            + top.helper().displayName() + " to " + Math.round(topMetres) + " m");
        }
        List<String> nl = new ArrayList<>(2);
        List<String> en = new ArrayList<>(2);
        long days = properties.fairnessMemory().toDays();
        if (carried > 0) {
            nl.add("heeft al " + carried + (carried == 1 ? " match" : " matches") + " (lopend of in de afgelopen " + days + " dagen)");
            en.add("already has " + carried + (carried == 1 ? " match" : " matches") + " (running or in the last " + days + " days)");
        }
        if (!elsewhere.isEmpty()) {
            int n = elsewhere.size();
            nl.add("staat in dit plan al ingepland voor " + n + (n == 1 ? " andere hulpvraag" : " andere hulpvragen"));
            en.add("is suggested for " + n + (n == 1 ? " other request" : " other requests"));
        }
        String penalty = Math.round(properties.planLoadPenaltyMetres()) + " m";
        return new Standings.Reason("SPREAD",
                String.join(" en ", nl) + "; het plan rekent " + penalty + " voor elke match die iemand al heeft of krijgt",
                String.join(" and ", en) + "; the plan counts " + penalty + " for every match a helper already has or gets");
    }
}
