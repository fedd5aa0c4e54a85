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

    @Serdeable
    public record Suggestion(long requestId, String requestTitle, String category, long helperId, String helperName,
                             String helperKind, double score, int distanceMetres, @Nullable Long offerId,
                             String explanationNl, String explanationEn, List<Scorer.Component> components) {}

    /**
     * A waiting request for which no helper could be found under the constraints.
     *
     * @param candidates                eligible helpers the ranking knows for it
     * @param candidatesFreeAtAskedTime of those, the ones free at an asked time (the plan's pairs)
     */
    @Serdeable
    public record Unmatched(long requestId, String requestTitle, String category, int candidates,
                            int candidatesFreeAtAskedTime) {}

    @Serdeable
    public record Plan(int waitingRequests, int matched, int helpersConsidered, double meanDistanceMetres,
                       List<Suggestion> suggestions, List<Unmatched> unmatched) {}

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

    public PlanService(CandidateRepository candidates, RankingService ranking, Scorer scorer, MatchingProperties properties,
                       @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.candidates = candidates;
        this.ranking = ranking;
        this.scorer = scorer;
        this.properties = properties;
        this.executor = executor;
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
        List<CandidateRepository.RequestInfo> waiting = candidates.waitingRequests(neighbourhoods, circle, MAX_REQUESTS + 1);
        if (waiting.size() > MAX_REQUESTS) {
            throw ApiException.unprocessable("neighbourhood", "Size", "more than " + MAX_REQUESTS
                    + " waiting requests: plan a smaller area (give one or more neighbourhood ids)");
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
        int[] eligible = new int[waiting.size()];
        double metresPerPoint = properties.planMetresPerPoint();
        double loadPenalty = properties.planLoadPenaltyMetres();
        for (int ri = 0; ri < waiting.size(); ri++) {
            CandidateRepository.RequestInfo r = waiting.get(ri);
            Scorer.Ask ask = ranking.ask(r);
            List<RankingService.Scored> scored = ranking.score(r, helpersOf.get(ri), stats,
                    other -> pairs.getOrDefault(CandidateRepository.Pair.of(r.requesterId(), other), 0));
            eligible[ri] = scored.size();
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
                edges.add(new CityPlanner.Edge(ri, hi, f.distanceMetres() + metresPerPoint * scorer.shortfall(ask, f) + carried));
            }
            scoredOf.add(byHelper);
        }
        int[] capacity = new int[helperList.size()];
        for (int h = 0; h < capacity.length; h++) {
            CandidateRepository.Helper helper = helperList.get(h);
            int running = stats.getOrDefault(helper.participantId(), CandidateRepository.Stats.NONE).running();
            capacity[h] = Math.max(0, helper.capacity() - running);
        }
        CityPlanner.Plan plan = CityPlanner.plan(waiting.size(), capacity, edges, loadPenalty);

        List<Suggestion> suggestions = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        double distance = 0;
        for (int ri = 0; ri < waiting.size(); ri++) {
            CandidateRepository.RequestInfo r = waiting.get(ri);
            int hi = plan.helperOfRequest()[ri];
            if (hi < 0) {
                unmatched.add(new Unmatched(r.id(), r.title(), r.category(), eligible[ri], scoredOf.get(ri).size()));
                continue;
            }
            RankingService.Scored s = scoredOf.get(ri).get(hi);
            distance += s.helper().distanceMetres();
            Scorer.Score explained = ranking.explain(r, s);
            suggestions.add(new Suggestion(r.id(), r.title(), r.category(), s.helper().participantId(), s.helper().displayName(),
                    s.helper().kind(), explained.score(), (int) (Math.round(s.helper().distanceMetres() / 10.0) * 10),
                    s.helper().offerId(), explained.explanationNl(), explained.explanationEn(), explained.components()));
        }
        return new Plan(waiting.size(), suggestions.size(), helperList.size(),
                suggestions.isEmpty() ? 0 : Math.round(distance / suggestions.size()), suggestions, unmatched);
    }
}
