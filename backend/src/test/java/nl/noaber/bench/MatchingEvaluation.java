package nl.noaber.bench;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.noaber.db.Db;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.listing.ListingRepository;
import nl.noaber.matching.CandidateRepository;
import nl.noaber.matching.CityPlanner;
import nl.noaber.matching.DayParts;
import nl.noaber.matching.MatchingProperties;
import nl.noaber.matching.PlanService;
import nl.noaber.matching.RankingService;
import nl.noaber.matching.Scorer;
import nl.noaber.neighbourhood.Neighbourhood;
import nl.noaber.neighbourhood.NeighbourhoodRepository;

/**
 * The matching evaluation of issue 10 (bench/matching/evaluate.sh): a synthetic Haarlem
 * ({@link SyntheticHaarlem}) replays twelve weeks of requests against the real services and the
 * real database, once per strategy, from the same initial state:
 * <ol>
 *   <li>{@code nearest}: per request in arrival order, the nearest eligible candidate;</li>
 *   <li>{@code ranking}: per request in arrival order, the top of {@link RankingService#score};</li>
 *   <li>{@code city-wide}: per week, {@link PlanService#plan} over all waiting requests;</li>
 *   <li>{@code optimum}: per week, the maximum matching at least total distance
 *       ({@link CityPlanner} with the distance as cost and no load penalty) over the plan's pairs (the
 *       nearest {@code plan-candidate-pool} candidates of each request, free at an asked time): a weekly
 *       optimum, replayed on its own state. It is not the offline optimum over the whole replay, which
 *       knows the weeks ahead ({@code offlineOptimum} below).</li>
 * </ol>
 * While the plan replays, each of its rounds also computes the least-distance maximum matching of the
 * very same waiting requests on the very same state ({@code sameInput}): what the plan's spreading and
 * score points cost against the optimum of its own input, round by round.
 * Every strategy sees the candidates {@link CandidateRepository#helpersFor} returns and the same
 * capacity rule (running matches below capacity). A strategy proposes; the helper accepts when free at
 * one of the asked times ({@link Scorer#freeAtAskedTime}) and declines otherwise, and a request whose
 * helper declined gets the next proposal in the next round, up to {@code proposals-per-week} rounds a
 * week. Beside the strategies, {@code offlineOptimum} ({@link OfflineOptimum}) solves the whole replay at
 * once, every request known in advance, exactly: what knowing the future would buy, and the issue's
 * "offline optimum". Not a test; run with the backend's test class path:
 *
 * <pre>
 * java -cp backend/target/noaber-backend.jar:backend/target/test-classes nl.noaber.bench.MatchingEvaluation \
 *      --url jdbc:postgresql://127.0.0.1:5432/noaber_eval --out docs/benchmarks/matching-evaluation.json \
 *      [--seed 2026] [--participants 3000] [--weeks 12] [--requests-per-week 118] [--busy-factor 6] [--proposals-per-week 3] \
 *      [--strategies nearest,ranking,city-wide,optimum] [--variant name:key=value,key=value ...]
 * </pre>
 *
 * Two scenarios run one after the other, each from a city created afresh: {@code haarlem}, the
 * issue's city (about 118 requests in the first week, 3 more each week), and {@code busy}, the same
 * participants with {@code busy-factor} times the requests, where recurring matches pile up, capacity
 * runs short and coverage tells the strategies apart ({@code --busy-factor 0} leaves it out). The
 * per-request strategies and the weekly optimum take every waiting request (nearest-first leaves more
 * than 2,000 waiting in the busy city); the plan refuses more than {@link PlanService#MAX_REQUESTS},
 * as in the service.
 *
 * A variant runs the ranking and the city-wide plan again with other {@code noaber.matching.*}
 * settings (the evaluation's own configuration; the defaults are not changed), e.g.
 * {@code --variant penalty-20:plan-load-penalty=20}.
 */
public final class MatchingEvaluation {
    static final String NEAREST = "nearest";
    static final String RANKING = "ranking";
    static final String CITY_WIDE = "city-wide";
    static final String OPTIMUM = "optimum";
    static final List<String> ALL = List.of(NEAREST, RANKING, CITY_WIDE, OPTIMUM);
    /** No limit on the waiting requests a strategy takes (before 2026-11-24 they were cut at the plan's 2,000). */
    private static final int EVERY_REQUEST = 1_000_000;
    /** A candidate pool larger than any city's helpers: every candidate within both radii. */
    private static final int EVERY_CANDIDATE = 1_000_000;
    /** The fit share of a profile skill, as the score gives it by default (an open offer: 1). */
    static final double SKILL_FIT = MatchingProperties.defaults().skillFit();

    private final Db db;
    private final SyntheticHaarlem city;
    private final Map<Long, SyntheticHaarlem.Request> requestById = new HashMap<>();
    private final List<List<Long>> requestsOfWeek = new ArrayList<>();
    /** Active participants with a skill or an open offer: the population of the Gini coefficient. */
    private final List<Long> helpers;
    /** Per helper, for how many requests they are a candidate on the initial state. */
    private Map<Long, Integer> candidacies = Map.of();
    /** The same, counting only the pairs the plan may take (the helper free at an asked time). */
    private Map<Long, Integer> planCandidacies = Map.of();
    /**
     * The pairs any strategy could take (every candidate within both radii on the initial state, free
     * at an asked time): request id, helper id, distance, the helper's capacity.
     */
    private final List<double[]> offlinePairs = new ArrayList<>();
    /** The same pairs by request: the helpers each request may be matched to (the replay checks every match against it). */
    private final Map<Long, Set<Long>> offlineHelpersOf = new HashMap<>();
    /** Per request, how many candidates free at an asked time the plan's pool holds, and how many there are at all. */
    private final List<Integer> freeInPlanPool = new ArrayList<>();
    private final List<Integer> freeAtAll = new ArrayList<>();

    /** Each participant's availability (day-parts; empty: not given), for their answer to a proposal. */
    private final Map<Long, Set<String>> availability = new HashMap<>();
    /** How many proposals one after another a waiting request gets each week. */
    private final int proposalsPerWeek;

    private MatchingEvaluation(Db db, SyntheticHaarlem city, int proposalsPerWeek) {
        this.db = db;
        this.city = city;
        this.proposalsPerWeek = proposalsPerWeek;
        db.list("SELECT id, availability FROM participant", ps -> {}, rs -> availability.put(rs.getLong(1),
                Set.copyOf(Db.strings(rs, "availability"))));
        for (int w = 0; w < city.weeks; w++) {
            requestsOfWeek.add(new ArrayList<>());
        }
        for (SyntheticHaarlem.Request r : city.requests) {
            requestById.put(r.id, r);
            requestsOfWeek.get(r.week).add(r.id);
        }
        helpers = db.list("""
                SELECT p.id FROM participant p
                 WHERE p.status = 'ACTIVE' AND (cardinality(p.skills) > 0
                       OR EXISTS (SELECT 1 FROM listing o WHERE o.participant_id = p.id AND o.kind = 'OFFER' AND o.status = 'OPEN'))
                 ORDER BY p.id
                """, ps -> {}, rs -> rs.getLong(1));
    }

    /** The services one configuration gives. */
    record Services(CandidateRepository candidates, RankingService ranking, PlanService plans, MatchingProperties properties,
                    EvaluationClock clock) {
        static Services of(ApplicationContext context) {
            return new Services(context.getBean(CandidateRepository.class), context.getBean(RankingService.class),
                    context.getBean(PlanService.class), context.getBean(MatchingProperties.class),
                    context.getBean(EvaluationClock.class));
        }

        Map<Long, CandidateRepository.Stats> stats(java.util.Collection<Long> helpers) {
            return candidates.stats(helpers, properties.reliabilityWindow(), properties.fairnessMemory());
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            String value = i + 1 < args.length ? args[i + 1] : "";
            if (key.equals("variant")) {
                int colon = value.indexOf(':');
                Map<String, String> settings = new LinkedHashMap<>();
                for (String kv : value.substring(colon + 1).split(",")) {
                    String[] p = kv.split("=", 2);
                    settings.put(p[0].trim(), p[1].trim());
                }
                if (settings.keySet().stream().anyMatch(k -> k.equals("candidate-pool") || k.equals("plan-candidate-pool")
                        || k.equals("search-radius-metres"))) {
                    throw new IllegalArgumentException("a variant must keep the candidates: no candidate-pool or search-radius-metres");
                }
                variants.put(value.substring(0, colon), settings);
            } else {
                options.put(key, value);
            }
        }
        String url = options.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/noaber_eval");
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks/matching-evaluation.json"));
        long seed = Long.parseLong(options.getOrDefault("seed", "2026"));
        int participants = Integer.parseInt(options.getOrDefault("participants", "3000"));
        int weeks = Integer.parseInt(options.getOrDefault("weeks", "12"));
        int perWeek = Integer.parseInt(options.getOrDefault("requests-per-week", "118"));
        int busyFactor = Integer.parseInt(options.getOrDefault("busy-factor", "6"));
        int proposalsPerWeek = Integer.parseInt(options.getOrDefault("proposals-per-week", "3"));
        if (proposalsPerWeek < 1) {
            throw new IllegalArgumentException("--proposals-per-week must be at least 1");
        }
        List<String> strategies = List.of(options.getOrDefault("strategies", String.join(",", ALL)).split(","));
        if (!ALL.containsAll(strategies) || !variants.isEmpty() && !strategies.containsAll(ALL)) {
            throw new IllegalArgumentException("--strategies: some of " + ALL + " (all of them with variants)");
        }

        long started = System.nanoTime();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("evaluation", "issue 10: matching quality on a synthetic Haarlem, weekly rounds, four strategies");
        doc.put("date", LocalDate.now().toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        doc.put("machine", machine);
        // The city; and the same city several times as busy, where capacity runs short and
        // coverage can tell the strategies apart (busy-factor 0: leave it out).
        Map<String, Integer> scenarios = new LinkedHashMap<>();
        scenarios.put("haarlem", perWeek);
        if (busyFactor > 1) {
            scenarios.put("busy", perWeek * busyFactor);
        }
        Map<String, Object> scenarioResults = new LinkedHashMap<>();
        try (ApplicationContext context = ApplicationContext.run(properties(url, Map.of()))) {
            Db db = context.getBean(Db.class);
            String version = db.one("SELECT version()", ps -> {}, rs -> rs.getString(1)).orElse("");
            machine.put("postgres", version.replaceFirst(" on .*", ""));
            Services services = Services.of(context);
            doc.put("configuration", describe(services.properties()));
            for (Map.Entry<String, Integer> scenario : scenarios.entrySet()) {
                Map<String, Object> sr = new LinkedHashMap<>();
                SyntheticHaarlem city = createCity(context, seed, participants, weeks, scenario.getValue());
                MatchingEvaluation evaluation = new MatchingEvaluation(db, city, proposalsPerWeek);
                evaluation.candidacy(services);
                sr.put("requestsPerWeekBase", scenario.getValue());
                sr.put("city", evaluation.describeCity());
                Map<String, Object> results = new LinkedHashMap<>();
                for (String strategy : strategies) {
                    results.put(strategy, evaluation.run(strategy, services));
                }
                sr.put("strategies", results);
                List<Map<String, Object>> offline = evaluation.offline();
                sr.put("offlineOptimum", offline);
                Map<String, Object> leastDistance = offline.get(0);
                // A check on the bound: no strategy matches more than the offline optimum, nor as many
                // over a shorter distance (its pairs are a superset of every strategy's; its integer cost
                // grid leaves its mean a few millimetres from exact).
                for (Map.Entry<String, Object> r : results.entrySet()) {
                    Map<String, Object> m = cast(r.getValue());
                    if (num(m, "matched") > num(leastDistance, "matched") || num(m, "matched") == num(leastDistance, "matched")
                            && num(m, "meanDistanceMetresExact") < num(leastDistance, "meanDistanceMetresExact") - 0.05) {
                        throw new IllegalStateException(r.getKey() + " beats the offline optimum: " + m + " against " + leastDistance);
                    }
                }
                if (results.keySet().containsAll(ALL)) {
                    sr.put("targets", targets(results, leastDistance));
                }
                if (!variants.isEmpty()) {
                    Map<String, Object> variantResults = new LinkedHashMap<>();
                    for (Map.Entry<String, Map<String, String>> v : variants.entrySet()) {
                        Map<String, Object> props = new LinkedHashMap<>();
                        v.getValue().forEach((k, value) -> props.put("noaber.matching." + k, value));
                        try (ApplicationContext variantContext = ApplicationContext.run(properties(url, props))) {
                            Services vs = Services.of(variantContext);
                            Map<String, Object> vr = new LinkedHashMap<>();
                            vr.put("settings", v.getValue());
                            Map<String, Object> withVariant = new LinkedHashMap<>(results);
                            withVariant.put(RANKING, evaluation.run(RANKING, vs));
                            withVariant.put(CITY_WIDE, evaluation.run(CITY_WIDE, vs));
                            Map<String, Object> rerun = new LinkedHashMap<>();
                            rerun.put(RANKING, withVariant.get(RANKING));
                            rerun.put(CITY_WIDE, withVariant.get(CITY_WIDE));
                            vr.put("strategies", rerun);
                            vr.put("targets", targets(withVariant, leastDistance));
                            variantResults.put(v.getKey(), vr);
                        }
                    }
                    sr.put("variants", variantResults);
                }
                scenarioResults.put(scenario.getKey(), sr);
            }
        }
        doc.put("scenarios", scenarioResults);
        doc.put("wallSeconds", round((System.nanoTime() - started) / 1e9, 1));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(doc) + "\n", StandardCharsets.UTF_8);
        System.err.println("wrote " + out);
    }

    static Map<String, Object> properties(String url, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("datasources.default.maximum-pool-size", 4);
        props.put("noaber.evaluation.clock", "true");
        return BenchContext.properties(url, props);
    }

    /** Empties the participants and listings (identities restart, so ids and results repeat) and stores a new city. */
    private static SyntheticHaarlem createCity(ApplicationContext context, long seed, int participants, int weeks, int perWeek) {
        Db db = context.getBean(Db.class);
        log("creating the synthetic city (seed " + seed + ")");
        db.update("TRUNCATE match, listing, participant, account RESTART IDENTITY CASCADE", ps -> {});
        List<SyntheticHaarlem.Pc4> areas = db.list("""
                SELECT pc4, centroid FROM postcode_area WHERE pc4 BETWEEN '2011' AND '2037' ORDER BY pc4
                """, ps -> {}, rs -> new SyntheticHaarlem.Pc4(rs.getString(1),
                nl.noaber.geo.Places.fromDatabase(rs.getObject(2))));
        // The city's outline: the union of its neighbourhoods (Haarlem's 21 wijken).
        org.locationtech.jts.geom.Geometry outline = db.one("SELECT ST_AsBinary(ST_Union(CAST(area AS geometry))) FROM neighbourhood",
                ps -> {}, rs -> {
                    try {
                        return new org.locationtech.jts.io.WKBReader().read(rs.getBytes(1));
                    } catch (org.locationtech.jts.io.ParseException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow();
        var located = new org.locationtech.jts.geom.prep.PreparedGeometryFactory().create(outline);
        SyntheticHaarlem city = SyntheticHaarlem.generate(seed, participants, weeks, perWeek, areas, located::contains);
        NeighbourhoodRepository neighbourhoods = context.getBean(NeighbourhoodRepository.class);
        city.store(db, context.getBean(PlaceGrid.class), p -> neighbourhoods.containing(p).map(Neighbourhood::id).orElse(null));
        db.update("ANALYZE", ps -> {});
        return city;
    }

    /**
     * For how many requests each helper is a candidate at all (helpersFor on the initial state, no
     * one busy): a helper who never is can get no match from any strategy, so the share of such
     * helpers is a floor under every strategy's Gini coefficient.
     */
    private void candidacy(Services s) {
        MatchingProperties p = s.properties();
        candidacies = new HashMap<>();
        planCandidacies = new HashMap<>();
        for (SyntheticHaarlem.Request r : city.requests) {
            CandidateRepository.RequestInfo info = s.candidates().request(r.id).orElseThrow();
            Set<String> asked = DayParts.of(info.schedule());
            for (CandidateRepository.Helper h : s.candidates().helpersFor(info, p.candidatePool(), p.searchRadiusMetres())) {
                candidacies.merge(h.participantId(), 1, Integer::sum);
            }
            // The plan's pairs: its own pool (plan-candidate-pool), helpers free at an asked time.
            int free = 0;
            for (CandidateRepository.Helper h : s.candidates().helpersFor(info, p.planCandidatePool(), p.searchRadiusMetres())) {
                if (Scorer.freeAtAskedTime(asked, h.dayParts())) {
                    planCandidacies.merge(h.participantId(), 1, Integer::sum);
                    free++;
                }
            }
            freeInPlanPool.add(free);
            int before = offlinePairs.size();
            // The offline optimum's pairs: every candidate, not the nearest of a pool. In the replay a
            // full helper drops out of the walk and the pool reaches further; these are a superset of
            // every pair any strategy can take (a helper who is not free at an asked time declines).
            for (CandidateRepository.Helper h : s.candidates().helpersFor(info, EVERY_CANDIDATE, p.searchRadiusMetres())) {
                if (Scorer.freeAtAskedTime(asked, h.dayParts())) {
                    offlinePairs.add(new double[] {r.id, h.participantId(), h.distanceMetres(), h.capacity()});
                    offlineHelpersOf.computeIfAbsent(r.id, k -> new java.util.HashSet<>()).add(h.participantId());
                }
            }
            freeAtAll.add(offlinePairs.size() - before);
        }
    }

    /**
     * The offline optimum of the replay ({@link OfflineOptimum}): knowing every request of the twelve
     * weeks in advance, the most requests matched, each in a week of its choosing from its arrival on,
     * at the least total distance, with every week's capacity as in the replay (a one-off match holds
     * its helper's place for its week, a recurring one to the end), over every pair any strategy could
     * take (all candidates within both radii on the initial state, not a pool of the nearest, free at an
     * asked time). Beside the least-distance optimum (penalty 0, the yardstick of the offline targets),
     * the same with a load penalty like the plan's (200, 400 and 600 m for each match a helper already
     * has in it, over the whole replay): what fairness costs when the future is known. No strategy can reach it; the
     * gap to the plan is the price of not knowing the weeks ahead.
     */
    private List<Map<String, Object>> offline() {
        int n = city.requests.size();
        Map<Long, Integer> requestIndex = new HashMap<>();
        int[] arrival = new int[n];
        boolean[] recurring = new boolean[n];
        for (SyntheticHaarlem.Request r : city.requests) {
            int i = requestIndex.size();
            requestIndex.put(r.id, i);
            arrival[i] = r.week;
            recurring[i] = !r.oneOff();
        }
        Map<Long, Integer> helperIndex = new HashMap<>();
        List<Long> helperIds = new ArrayList<>();
        List<Integer> capacities = new ArrayList<>();
        List<OfflineOptimum.Pair> pairs = new ArrayList<>();
        for (double[] pair : offlinePairs) {
            int h = helperIndex.computeIfAbsent((long) pair[1], id -> {
                helperIds.add(id);
                capacities.add((int) pair[3]);
                return capacities.size() - 1;
            });
            pairs.add(new OfflineOptimum.Pair(requestIndex.get((long) pair[0]), h, pair[2]));
        }
        int[] capacity = capacities.stream().mapToInt(Integer::intValue).toArray();
        List<Map<String, Object>> out = new ArrayList<>();
        for (double penalty : new double[] {0, 200, 400, 600}) {
            long started = System.nanoTime();
            OfflineOptimum.Result result = OfflineOptimum.solve(arrival, recurring, city.weeks, capacity, pairs, penalty);
            double seconds = (System.nanoTime() - started) / 1e9;
            double[] distances = new double[result.matched()];
            Map<Long, Long> perHelper = new HashMap<>();
            int k = 0;
            for (OfflineOptimum.Pair p : pairs) {
                if (result.helperOfRequest()[p.request()] == p.helper()) {
                    distances[k++] = p.distance();
                    perHelper.merge(helperIds.get(p.helper()), 1L, Long::sum);
                }
            }
            double mean = EvaluationStats.mean(distances);
            double gini = EvaluationStats.gini(helpers.stream().mapToLong(h -> perHelper.getOrDefault(h, 0L)).toArray());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loadPenaltyMetres", penalty);
            m.put("matched", result.matched());
            m.put("medianDistanceMetres", round(EvaluationStats.median(distances), 0));
            m.put("meanDistanceMetres", round(mean, 0));
            m.put("meanDistanceMetresExact", round(mean, 4));
            m.put("gini", round(gini, 3));
            m.put("giniExact", round(gini, 6));
            m.put("mostMatchesOfOneHelper", perHelper.values().stream().mapToLong(Long::longValue).max().orElse(0));
            m.put("pairs", pairs.size());
            m.put("wallSeconds", round(seconds, 1));
            log("offline optimum, load penalty " + penalty + ": " + m);
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> describeCity() {
        Map<String, Object> c = new LinkedHashMap<>();
        long persons = city.people.stream().filter(p -> !p.organisation).count();
        long offline = city.people.stream().filter(p -> !p.organisation && !p.online).count();
        c.put("seed", city.seed);
        c.put("weeks", city.weeks);
        c.put("proposalsPerWeek", proposalsPerWeek);
        c.put("firstMonday", SyntheticHaarlem.FIRST_MONDAY.toString());
        c.put("participants", city.people.size());
        c.put("organisations", city.people.size() - persons);
        c.put("offlineShare", round(offline / (double) persons, 3));
        c.put("helpers", helpers.size());
        c.put("helperShare", round(helpers.size() / (double) city.people.size(), 3));
        long never = helpers.stream().filter(h -> !candidacies.containsKey(h)).count();
        c.put("helpersNeverACandidate", never);
        c.put("giniFloor", round(never / (double) helpers.size(), 3));
        long neverFree = helpers.stream().filter(h -> !planCandidacies.containsKey(h)).count();
        c.put("helpersNeverAPlanCandidate", neverFree);
        c.put("planGiniFloor", round(neverFree / (double) helpers.size(), 3));
        c.put("requestsWithoutAFreeCandidate", freeAtAll.stream().filter(n -> n == 0).count());
        c.put("requestsWithoutAFreeCandidateInThePlanPool", freeInPlanPool.stream().filter(n -> n == 0).count());
        c.put("meanFreeCandidatesPerRequest", round(freeAtAll.stream().mapToInt(Integer::intValue).average().orElse(0), 1));
        c.put("meanFreeCandidatesInThePlanPool", round(freeInPlanPool.stream().mapToInt(Integer::intValue).average().orElse(0), 1));
        c.put("meanCandidatesPerRequest", round(candidacies.values().stream().mapToInt(Integer::intValue).sum()
                / (double) city.requests.size(), 1));
        c.put("openOffers", city.offers.size());
        c.put("requests", city.requests.size());
        c.put("recurringShare", round(city.requests.stream().filter(r -> !r.oneOff()).count() / (double) city.requests.size(), 3));
        c.put("requestsPerWeek", requestsOfWeek.stream().map(List::size).toList());
        c.put("postcodeAreas", city.areas.stream().map(SyntheticHaarlem.Pc4::code).toList());
        c.put("neighbourhoodsWithParticipants", city.people.stream().map(p -> p.neighbourhood).filter(java.util.Objects::nonNull)
                .distinct().count());
        c.put("participantsWithoutNeighbourhood", city.people.stream().filter(p -> p.neighbourhood == null).count());
        Map<String, Long> categories = new TreeMap<>();
        city.requests.forEach(r -> categories.merge(r.category, 1L, Long::sum));
        c.put("requestsPerCategory", categories);
        Map<String, Long> languages = new TreeMap<>();
        city.people.forEach(p -> p.languages.forEach(l -> languages.merge(l, 1L, Long::sum)));
        c.put("participantsPerLanguage", languages);
        return c;
    }

    static Map<String, Object> describe(MatchingProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distance-weight", p.distanceWeight());
        m.put("distance-half-life-metres", p.distanceHalfLifeMetres());
        m.put("fit-weight", p.fitWeight());
        m.put("skill-fit", p.skillFit());
        m.put("availability-weight", p.availabilityWeight());
        m.put("language-weight", p.languageWeight());
        m.put("history-weight", p.historyWeight());
        m.put("fairness-weight", p.fairnessWeight());
        m.put("reliability-weight", p.reliabilityWeight());
        m.put("candidate-pool", p.candidatePool());
        m.put("plan-candidate-pool", p.planCandidatePool());
        m.put("search-radius-metres", p.searchRadiusMetres());
        m.put("fairness-memory-days", p.fairnessMemory().toDays());
        m.put("plan-load-penalty-metres", p.planLoadPenaltyMetres());
        m.put("plan-metres-per-point", p.planMetresPerPoint());
        return m;
    }

    // --- The replay

    /** Replays all weeks with one strategy from the initial state, and measures the outcome. */
    Map<String, Object> run(String strategy, Services s) {
        reset();
        log("replaying " + city.weeks + " weeks: " + strategy);
        Map<Long, Integer> matchedInWeek = new HashMap<>();
        long[] declines = {0};
        SameInput sameInput = new SameInput();
        long started = System.nanoTime();
        for (int w = 0; w < city.weeks; w++) {
            List<Long> arriving = requestsOfWeek.get(w);
            db.update("UPDATE listing SET status = 'OPEN' WHERE id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", arriving.toArray())));
            OffsetDateTime at = SyntheticHaarlem.roundTime(w);
            int week = w;
            // Each round proposes one helper to every waiting request; a request whose helper said
            // no waits for the next round (without that helper, as the service excludes them).
            for (int round = 0; round < proposalsPerWeek; round++) {
                OffsetDateTime roundAt = at.plusMinutes(20L * round);
                s.clock().set(roundAt.toInstant());
                Proposals sink = (request, helper, offer) -> {
                    if (!accepts(request, helper)) {
                        insertMatch(request, helper, offer, roundAt, false);
                        declines[0]++;
                        return;
                    }
                    insertMatch(request, helper, offer, roundAt, true);
                    matchedInWeek.put(request, week);
                };
                switch (strategy) {
                    case NEAREST -> nearestFirst(s, sink);
                    case RANKING -> rankingTop(s, sink);
                    case CITY_WIDE -> cityWide(s, sink, sameInput);
                    case OPTIMUM -> optimum(s, sink);
                    default -> throw new IllegalArgumentException(strategy);
                }
            }
            checkCapacity(strategy, w);
            completeOneOffs(at);
            // A week's matches rewrote their helpers' lane rows (their history); this machine's
            // PostgreSQL runs without autovacuum, so the replay vacuums as a live server would.
            db.update("VACUUM helper_lane", ps -> {});
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> m = measure(matchedInWeek);
        m.put("declinedProposals", declines[0]);
        if (strategy.equals(CITY_WIDE)) {
            m.put("sameInput", sameInput.toMap());
        }
        m.put("wallSeconds", round(seconds, 1));
        log(strategy + ": " + m);
        return m;
    }

    /** Where a strategy's proposals go: the helper accepts or declines ({@link #accepts}). */
    @FunctionalInterface
    private interface Proposals {
        void propose(long request, long helper, Long offer);
    }

    /**
     * Whether a helper says yes to a proposal: when free at one of the asked day-parts, or when the
     * request asks no particular time or the helper gave no availability
     * ({@link Scorer#freeAtAskedTime}); a helper who said they are not free then says no.
     */
    private boolean accepts(long request, long helper) {
        return Scorer.freeAtAskedTime(DayParts.of(requestById.get(request).schedule), availability.get(helper));
    }

    /** Every waiting request, oldest first (the plan alone is limited to {@link PlanService#MAX_REQUESTS}). */
    private List<CandidateRepository.RequestInfo> waiting(Services s) {
        return s.candidates().waitingRequests(null, null, EVERY_REQUEST);
    }

    /** Per request, oldest first: the nearest candidate with room (ties: lower id). */
    private void nearestFirst(Services s, Proposals sink) {
        MatchingProperties p = s.properties();
        for (CandidateRepository.RequestInfo r : waiting(s)) {
            List<CandidateRepository.Helper> hs = s.candidates().helpersFor(r, p.candidatePool(), p.searchRadiusMetres());
            Map<Long, CandidateRepository.Stats> stats = s.stats(hs.stream().map(CandidateRepository.Helper::participantId).toList());
            CandidateRepository.Helper best = null;
            for (CandidateRepository.Helper h : hs) {
                CandidateRepository.Stats st = stats.get(h.participantId());
                int running = st == null ? 0 : st.running();
                if (h.capacity() <= 0 || running >= h.capacity()) {
                    continue;
                }
                if (best == null || h.distanceMetres() < best.distanceMetres()
                        || h.distanceMetres() == best.distanceMetres() && h.participantId() < best.participantId()) {
                    best = h;
                }
            }
            if (best != null) {
                sink.propose(r.id(), best.participantId(), best.offerId());
            }
        }
    }

    /** Per request, oldest first: the ranking's top candidate. */
    private void rankingTop(Services s, Proposals sink) {
        for (CandidateRepository.RequestInfo r : waiting(s)) {
            List<RankingService.Scored> ranked = s.ranking().score(r);
            if (!ranked.isEmpty()) {
                RankingService.Scored top = ranked.get(0);
                sink.propose(r.id(), top.helper().participantId(), top.helper().offerId());
            }
        }
    }

    /**
     * The makelaar's city-wide plan over every waiting request, taken as it is; beside it, on the same
     * waiting requests and the same state, the least-distance maximum matching ({@code sameInput}).
     */
    private void cityWide(Services s, Proposals sink, SameInput sameInput) {
        List<Pair> optimal = leastDistance(s, waiting(s));
        PlanService.Plan plan = s.plans().plan(null, null);
        sameInput.optimumMatched += optimal.size();
        sameInput.optimumMetres += optimal.stream().mapToDouble(Pair::distance).sum();
        for (PlanService.Suggestion x : plan.suggestions()) {
            sameInput.planMatched++;
            sameInput.planMetres += x.distanceMetres();
            sink.propose(x.requestId(), x.helperId(), x.offerId());
        }
        sameInput.rounds++;
        if (optimal.size() > plan.suggestions().size()) {
            sameInput.roundsWithFewer++;
        }
    }

    /** The plan against the least-distance matching of its own input, summed over its rounds. */
    private static final class SameInput {
        int rounds;
        int roundsWithFewer;
        long planMatched;
        long optimumMatched;
        double planMetres;
        double optimumMetres;

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rounds", rounds);
            m.put("roundsWherePlanMatchedFewer", roundsWithFewer);
            m.put("planMatched", planMatched);
            m.put("optimumMatched", optimumMatched);
            m.put("planMeanDistanceMetres", round(planMetres / planMatched, 1));
            m.put("optimumMeanDistanceMetres", round(optimumMetres / optimumMatched, 1));
            m.put("matchedRatio", round(planMatched / (double) optimumMatched, 4));
            m.put("distanceRatio", round((planMetres / planMatched) / (optimumMetres / optimumMatched), 4));
            return m;
        }
    }

    /** A pair of a least-distance matching: request, helper, the offer used, the distance. */
    private record Pair(long request, long helper, Long offer, double distance) {}

    /** The weekly optimum: the most requests matched at the least total distance, over the plan's pairs and capacities. */
    private void optimum(Services s, Proposals sink) {
        for (Pair x : leastDistance(s, waiting(s))) {
            sink.propose(x.request(), x.helper(), x.offer());
        }
    }

    /**
     * The maximum matching at least total distance of these waiting requests on the current state: the
     * plan's constraints (its candidate pool, helpers free at an asked time, their room), distance as
     * the cost, no load penalty, no score points.
     */
    private List<Pair> leastDistance(Services s, List<CandidateRepository.RequestInfo> waiting) {
        MatchingProperties p = s.properties();
        List<List<CandidateRepository.Helper>> helpersOf = new ArrayList<>();
        Map<Long, CandidateRepository.Helper> all = new LinkedHashMap<>();
        for (CandidateRepository.RequestInfo r : waiting) {
            List<CandidateRepository.Helper> hs = s.candidates().helpersFor(r, p.planCandidatePool(), p.searchRadiusMetres());
            helpersOf.add(hs);
            hs.forEach(h -> all.putIfAbsent(h.participantId(), h));
        }
        Map<Long, CandidateRepository.Stats> stats = s.stats(all.keySet());
        List<Long> helperIds = new ArrayList<>(all.keySet());
        Map<Long, Integer> index = new HashMap<>();
        int[] capacity = new int[helperIds.size()];
        for (int h = 0; h < helperIds.size(); h++) {
            long id = helperIds.get(h);
            index.put(id, h);
            CandidateRepository.Stats st = stats.get(id);
            capacity[h] = Math.max(0, all.get(id).capacity() - (st == null ? 0 : st.running()));
        }
        List<CityPlanner.Edge> edges = new ArrayList<>();
        for (int ri = 0; ri < waiting.size(); ri++) {
            Set<String> asked = DayParts.of(waiting.get(ri).schedule());
            for (CandidateRepository.Helper h : helpersOf.get(ri)) {
                // The plan's constraints: availability is one of them.
                if (Scorer.freeAtAskedTime(asked, h.dayParts())) {
                    edges.add(new CityPlanner.Edge(ri, index.get(h.participantId()), h.distanceMetres()));
                }
            }
        }
        CityPlanner.Plan plan = CityPlanner.plan(waiting.size(), capacity, edges, 0);
        List<Pair> pairs = new ArrayList<>();
        for (int ri = 0; ri < waiting.size(); ri++) {
            int h = plan.helperOfRequest()[ri];
            if (h >= 0) {
                long helper = helperIds.get(h);
                CandidateRepository.Helper chosen = helpersOf.get(ri).stream()
                        .filter(x -> x.participantId() == helper).findFirst().orElseThrow();
                pairs.add(new Pair(waiting.get(ri).id(), helper, chosen.offerId(), chosen.distanceMetres()));
            }
        }
        return pairs;
    }

    /**
     * A brokered proposal and the helper's answer (recorded by the makelaar who called them). Accepted:
     * the request is MATCHED and the helper's capacity taken. Declined: the helper is out for this
     * request. A helper declines only when not free at the asked time, so, as in the service, the
     * decline does not count against their reliability ({@code helper_free} false, V10).
     */
    private void insertMatch(long requestId, long helper, Long offer, OffsetDateTime at, boolean accepted) {
        SyntheticHaarlem.Request r = requestById.get(requestId);
        Timestamp time = Timestamp.from(at.toInstant());
        db.update(accepted ? """
                INSERT INTO match (request_id, offer_id, requester_id, helper_id, channel, one_off, status,
                                   proposed_at, proposed_by, decided_at, decided_by, helper_free)
                VALUES (?, ?, ?, ?, 'MAKELAAR', ?, 'ACTIVE', ?, ?, ?, ?, true)
                """ : """
                INSERT INTO match (request_id, offer_id, requester_id, helper_id, channel, one_off, status,
                                   proposed_at, proposed_by, decided_at, decided_by, ended_at, ended_by, ended_by_side,
                                   helper_free)
                VALUES (?, ?, ?, ?, 'MAKELAAR', ?, 'DECLINED', ?, ?, ?, ?, ?, ?, 'HELPER', false)
                """, ps -> {
                    ps.setLong(1, requestId);
                    ps.setObject(2, offer, Types.BIGINT);
                    ps.setLong(3, r.owner.id);
                    ps.setLong(4, helper);
                    ps.setBoolean(5, r.oneOff());
                    ps.setTimestamp(6, time);
                    ps.setLong(7, city.makelaarAccount);
                    ps.setTimestamp(8, time);
                    ps.setLong(9, city.makelaarAccount);
                    if (!accepted) {
                        ps.setTimestamp(10, time);
                        ps.setLong(11, city.makelaarAccount);
                    }
                });
        if (!accepted) {
            return;
        }
        db.update("UPDATE listing SET status = 'MATCHED', updated_at = ? WHERE id = ? AND status = 'OPEN'", ps -> {
            ps.setTimestamp(1, time);
            ps.setLong(2, requestId);
        });
    }

    /** A check on the replay itself: after a round no helper runs more matches than their capacity. */
    private void checkCapacity(String strategy, int week) {
        long over = db.one("""
                SELECT count(*) FROM (SELECT helper_id, count(*) AS running FROM match WHERE status = 'ACTIVE' GROUP BY 1) m
                  JOIN participant p ON p.id = m.helper_id WHERE m.running > p.capacity
                """, ps -> {}, rs -> rs.getLong(1)).orElse(0L);
        if (over > 0) {
            throw new IllegalStateException(strategy + ", week " + week + ": " + over + " helpers beyond their capacity");
        }
    }

    /** At the end of the week one-off matches are done: the helper is free again, the pair has history. */
    private void completeOneOffs(OffsetDateTime at) {
        Timestamp time = Timestamp.from(at.plusHours(3).toInstant());
        db.update("""
                UPDATE listing SET status = 'CLOSED', updated_at = ?
                 WHERE id IN (SELECT request_id FROM match WHERE status = 'ACTIVE' AND one_off)
                """, ps -> ps.setTimestamp(1, time));
        db.update("""
                UPDATE match SET status = 'COMPLETED', ended_at = ?, ended_by = ?, ended_by_side = 'MAKELAAR'
                 WHERE status = 'ACTIVE' AND one_off
                """, ps -> {
                    ps.setTimestamp(1, time);
                    ps.setLong(2, city.makelaarAccount);
                });
    }

    /** Back to the initial state: no matches, every request not yet arrived. */
    private void reset() {
        db.update("TRUNCATE match RESTART IDENTITY CASCADE", ps -> {});
        db.update("UPDATE listing SET status = 'CLOSED', updated_at = created_at WHERE kind = 'REQUEST'", ps -> {});
        db.update("VACUUM ANALYZE listing", ps -> {});
        db.update("VACUUM ANALYZE helper_lane", ps -> {});
    }

    // --- Measuring

    private record Made(long request, long helper, boolean viaOffer, double distance, boolean free) {}

    private Map<String, Object> measure(Map<Long, Integer> matchedInWeek) {
        List<Made> made = db.list("SELECT m.request_id, m.helper_id, m.offer_id IS NOT NULL AS via_offer,"
                + " ST_Distance(h.home_place, l.place, false) AS distance, h.availability, "
                + ListingRepository.SCHEDULE_COLUMNS.replaceAll("(\\w+)", "l.$1") + """
                  FROM match m JOIN participant h ON h.id = m.helper_id JOIN listing l ON l.id = m.request_id
                 WHERE m.status IN ('ACTIVE', 'COMPLETED')
                 ORDER BY m.id
                """, ps -> {}, rs -> {
                    Set<String> asked = DayParts.of(ListingRepository.schedule(rs));
                    Set<String> free = new LinkedHashSet<>(Db.strings(rs, "availability"));
                    free.retainAll(asked);
                    return new Made(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getDouble(4), !free.isEmpty());
                });
        int requests = city.requests.size();
        double[] distances = made.stream().mapToDouble(Made::distance).toArray();
        Map<Long, Long> perHelper = new HashMap<>();
        made.forEach(x -> perHelper.merge(x.helper(), 1L, Long::sum));
        long[] counts = helpers.stream().mapToLong(h -> perHelper.getOrDefault(h, 0L)).toArray();
        if (perHelper.keySet().stream().anyMatch(h -> !helpers.contains(h))) {
            throw new IllegalStateException("a match went to someone outside the helper population");
        }
        // Every match a strategy made is a pair of the offline optimum's (which must be a superset).
        for (Made x : made) {
            if (!offlineHelpersOf.getOrDefault(x.request(), Set.of()).contains(x.helper())) {
                throw new IllegalStateException("request " + x.request() + " matched to helper " + x.helper()
                        + ", a pair the offline optimum does not have");
            }
        }
        long sameWeek = made.stream().filter(x -> matchedInWeek.get(x.request()) == requestById.get(x.request()).week).count();
        double waitWeeks = made.stream().mapToInt(x -> matchedInWeek.get(x.request()) - requestById.get(x.request()).week).average().orElse(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests);
        m.put("matched", made.size());
        m.put("coverage", round(made.size() / (double) requests, 4));
        m.put("medianDistanceMetres", round(EvaluationStats.median(distances), 0));
        double meanDistance = EvaluationStats.mean(distances);
        m.put("meanDistanceMetres", round(meanDistance, 0));
        m.put("meanDistanceMetresExact", round(meanDistance, 4));
        m.put("fit", round(made.stream().mapToDouble(x -> x.viaOffer() ? 1.0 : SKILL_FIT).average().orElse(Double.NaN), 3));
        m.put("viaOfferShare", round(made.stream().filter(Made::viaOffer).count() / (double) made.size(), 3));
        m.put("freeAtAskedTimeShare", round(made.stream().filter(Made::free).count() / (double) made.size(), 3));
        double gini = EvaluationStats.gini(counts);
        m.put("gini", round(gini, 3));
        m.put("giniExact", round(gini, 6));
        m.put("giniAmongCandidates", round(EvaluationStats.gini(helpers.stream().filter(candidacies::containsKey)
                .mapToLong(h -> perHelper.getOrDefault(h, 0L)).toArray()), 3));
        m.put("activeHelpers", counts.length);
        m.put("helpersWithAMatch", perHelper.size());
        m.put("mostMatchesOfOneHelper", perHelper.values().stream().mapToLong(Long::longValue).max().orElse(0));
        // How many helpers got 0, 1, 2, … matches.
        List<Long> histogram = new ArrayList<>();
        for (long c : counts) {
            while (histogram.size() <= c) {
                histogram.add(0L);
            }
            histogram.set((int) c, histogram.get((int) c) + 1);
        }
        m.put("helpersPerMatchCount", histogram);
        m.put("matchedInArrivalWeek", round(sameWeek / (double) requests, 3));
        m.put("meanWeeksWaitedMatched", round(waitWeeks, 2));
        m.put("stillWaitingAtEnd", requests - made.size());
        return m;
    }

    /**
     * The targets, each with its value, threshold and verdict: the first five with the weekly
     * optimum as "the optimum", then the first two again with the offline optimum (least distance).
     */
    static List<Map<String, Object>> targets(Map<String, Object> strategies, Map<String, Object> offline) {
        Map<String, Object> nearest = cast(strategies.get(NEAREST));
        Map<String, Object> ranking = cast(strategies.get(RANKING));
        Map<String, Object> cityWide = cast(strategies.get(CITY_WIDE));
        Map<String, Object> optimum = cast(strategies.get(OPTIMUM));
        List<Map<String, Object>> out = new ArrayList<>();
        double matchedRatio = num(cityWide, "matched") / num(optimum, "matched");
        out.add(target("city-wide matches at least 98% of what the optimum matches", "matched(city-wide) / matched(optimum)",
                matchedRatio, ">=", 0.98, matchedRatio >= 0.98));
        double distanceRatio = num(cityWide, "meanDistanceMetresExact") / num(optimum, "meanDistanceMetresExact");
        out.add(target("city-wide mean distance within 1.10x the optimum's", "mean distance(city-wide) / mean distance(optimum)",
                distanceRatio, "<=", 1.10, distanceRatio <= 1.10));
        out.add(target("city-wide Gini at most 0.35", "Gini(city-wide)", num(cityWide, "giniExact"), "<=", 0.35,
                num(cityWide, "giniExact") <= 0.35));
        out.add(target("ranking beats nearest-first on coverage", "coverage(ranking) - coverage(nearest)",
                num(ranking, "coverage") - num(nearest, "coverage"), ">", 0, num(ranking, "matched") > num(nearest, "matched")));
        out.add(target("ranking beats nearest-first on fairness", "Gini(ranking) - Gini(nearest)",
                num(ranking, "giniExact") - num(nearest, "giniExact"), "<", 0, num(ranking, "giniExact") < num(nearest, "giniExact")));
        double offlineMatched = num(cityWide, "matched") / num(offline, "matched");
        out.add(target("city-wide matches at least 98% of what the offline optimum matches",
                "matched(city-wide) / matched(offline optimum)", offlineMatched, ">=", 0.98, offlineMatched >= 0.98));
        double offlineDistance = num(cityWide, "meanDistanceMetresExact") / num(offline, "meanDistanceMetresExact");
        out.add(target("city-wide mean distance within 1.10x the offline optimum's",
                "mean distance(city-wide) / mean distance(offline optimum)", offlineDistance, "<=", 1.10, offlineDistance <= 1.10));
        return out;
    }

    private static Map<String, Object> target(String name, String measure, double value, String op, double threshold, boolean pass) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", name);
        t.put("measure", measure);
        t.put("value", round(value, 4));
        t.put("op", op);
        t.put("threshold", threshold);
        t.put("pass", pass);
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void log(String message) {
        System.err.println("[evaluation] " + message);
    }

    /** Just enough JSON for the report: maps, lists, strings, numbers, booleans. */
    static final class Json {
        private Json() {}

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value, "");
            return out.toString();
        }

        private static void write(StringBuilder out, Object v, String indent) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(indent).append("  ");
                    string(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    write(out, e.getValue(), indent + "  ");
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append(indent).append('}');
            } else if (v instanceof List<?> list) {
                boolean flat = list.stream().noneMatch(x -> x instanceof Map || x instanceof List);
                if (flat) {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            out.append(", ");
                        }
                        write(out, list.get(i), indent);
                    }
                    out.append(']');
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    out.append(indent).append("  ");
                    write(out, list.get(i), indent + "  ");
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.append(indent).append(']');
            } else if (v instanceof Boolean b) {
                out.append(b);
            } else if (v instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    out.append("null");
                } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    out.append((long) (double) d);
                } else {
                    out.append(String.format(Locale.ROOT, "%s", d));
                }
            } else if (v instanceof Number n) {
                out.append(n);
            } else {
                string(out, v.toString());
            }
        }

        private static void string(StringBuilder out, String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
