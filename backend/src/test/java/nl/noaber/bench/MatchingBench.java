package nl.noaber.bench;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.matching.CandidateRepository;
import nl.noaber.matching.MatchingProperties;
import nl.noaber.matching.PlanService;
import nl.noaber.matching.RankingService;

/**
 * The matching benchmark from Java (bench/matching/run.sh), printing one JSON line:
 * <pre>
 * java ... nl.noaber.bench.MatchingBench ranking jdbc:postgresql://127.0.0.1:5432/noaber_bench [queries]
 * java ... nl.noaber.bench.MatchingBench plan    jdbc:postgresql://127.0.0.1:5432/noaber_bench [runs]
 * </pre>
 * ranking: the top 20 helpers (with explanations, as a makelaar sees them) for random open
 * requests in Haarlem, through RankingService; plan: the city-wide suggestion for the bench's
 * plan area (600 waiting requests, 2,400 helpers), through PlanService.
 */
public final class MatchingBench {
    private MatchingBench() {}

    public static void main(String[] args) {
        String mode = args[0];
        String url = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : (mode.equals("plan") ? 10 : 5_000);
        try (ApplicationContext context = ApplicationContext.run(
                BenchContext.properties(url, Map.of("noaber.reference.enabled", "false")))) {
            if (mode.equals("plan")) {
                plan(context, n);
            } else if (mode.equals("pool")) {
                pool(context, n);
            } else if (mode.equals("pgbench")) {
                pgbench(context);
            } else {
                ranking(context, n);
            }
        }
    }

    /** The open requests the ranking layers rank: 20,000 in Haarlem (run.sh's bench_ranking_request holds the same). */
    static List<Long> haarlemRequests(Db db) {
        return db.list("""
                SELECT id FROM listing
                 WHERE kind = 'REQUEST' AND status = 'OPEN'
                   AND ST_Y(CAST(place AS geometry)) BETWEEN 52.345 AND 52.415
                   AND ST_X(CAST(place AS geometry)) BETWEEN 4.600 AND 4.690
                 ORDER BY id LIMIT 20000""", ps -> {}, rs -> rs.getLong(1));
    }

    static void ranking(ApplicationContext context, int queries) {
        Db db = context.getBean(Db.class);
        RankingService ranking = context.getBean(RankingService.class);
        List<Long> ids = haarlemRequests(db);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < Math.max(1_000, queries / 5); i++) {
            ranking.helpers(ids.get(random.nextInt(ids.size())), null, RankingService.Viewer.STAFF, 20);
        }
        long[] nanos = new long[queries];
        long candidates = 0;
        for (int i = 0; i < queries; i++) {
            long id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            candidates += ranking.helpers(id, null, RankingService.Viewer.STAFF, 20).candidates().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT,
                "{\"queries\": %d, \"meanCandidates\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}%n",
                queries, candidates / (double) queries, NearbyBench.pct(nanos, 50), NearbyBench.pct(nanos, 90),
                NearbyBench.pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
    }

    /**
     * How the candidate pool (the nearest helpers per lane the database hands to the scorer) changes
     * the top 20: for {@code queries} requests, the top 20 with each pool beside the top 20 with a
     * pool of 2,000 (as good as unbounded here), and the time a ranking takes with it.
     */
    static void pool(ApplicationContext context, int queries) {
        Db db = context.getBean(Db.class);
        RankingService ranking = context.getBean(RankingService.class);
        CandidateRepository repository = context.getBean(CandidateRepository.class);
        MatchingProperties p = context.getBean(MatchingProperties.class);
        List<Long> ids = haarlemRequests(db);
        SplittableRandom random = new SplittableRandom(7);
        List<CandidateRepository.RequestInfo> requests = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            requests.add(repository.request(ids.get(random.nextInt(ids.size()))).orElseThrow());
        }
        java.util.function.BiFunction<CandidateRepository.RequestInfo, Integer, List<Long>> top = (r, pool) -> {
            CandidateRepository.Candidates c = repository.candidates(r, pool, p.searchRadiusMetres(), p.reliabilityWindow(),
                    p.fairnessMemory());
            return ranking.score(r, c.helpers(), c.stats(), other -> c.completedTogether().getOrDefault(other, 0)).stream()
                    .limit(20).map(s -> s.helper().participantId()).toList();
        };
        List<List<Long>> truth = requests.stream().map(r -> top.apply(r, 2_000)).toList();
        StringBuilder json = new StringBuilder("[");
        for (int pool : new int[] {25, 50, 100, 200, 400}) {
            for (int i = 0; i < Math.min(200, queries); i++) {
                top.apply(requests.get(i), pool); // warm-up
            }
            long[] nanos = new long[queries];
            double overlap = 0;
            int same = 0;
            int sameTop5 = 0;
            for (int i = 0; i < queries; i++) {
                long start = System.nanoTime();
                List<Long> got = top.apply(requests.get(i), pool);
                nanos[i] = System.nanoTime() - start;
                List<Long> want = truth.get(i);
                long shared = got.stream().filter(want::contains).count();
                overlap += want.isEmpty() ? 1 : shared / (double) want.size();
                same += got.equals(want) ? 1 : 0;
                sameTop5 += got.subList(0, Math.min(5, got.size())).equals(want.subList(0, Math.min(5, want.size()))) ? 1 : 0;
            }
            Arrays.sort(nanos);
            json.append(json.length() > 1 ? ",\n " : "").append(String.format(Locale.ROOT,
                    "{\"pool\": %d, \"requests\": %d, \"overlapAt20\": %.4f, \"sameTop20\": %.4f, \"sameTop5\": %.4f, "
                            + "\"p50_ms\": %.3f, \"p99_ms\": %.3f}",
                    pool, queries, overlap / queries, same / (double) queries, sameTop5 / (double) queries,
                    NearbyBench.pct(nanos, 50), NearbyBench.pct(nanos, 99)));
        }
        System.out.println(json.append("]"));
    }

    /**
     * Prints a pgbench script for the bare-SQL layer: the statement one ranking sends (CandidateRepository's
     * own text), for a random request of bench_ranking_request (the same requests as {@link #ranking}),
     * whose parameters a first statement reads by primary key, computed as the Java code computes them.
     */
    static void pgbench(ApplicationContext context) {
        MatchingProperties p = context.getBean(MatchingProperties.class);
        String sql = CandidateRepository.candidatesSql(p.candidatePool());
        // The request's parameters are pgbench variables.
        String[] names = {":radius", ":id", ":requester", ":category", ":lane_x", ":y", ":lat", ":lon", ":margin"};
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append(names[k++]);
            } else {
                out.append(c);
            }
        }
        if (k != names.length) {
            throw new IllegalStateException("expected " + names.length + " parameters, found " + k);
        }
        System.out.print("\\set n random(1, :requests)\n"
                + "\\set radius " + p.searchRadiusMetres() + "\n"
                + "\\set margin 0\n"
                + "SELECT l.id, l.participant_id AS requester, l.category_code AS category,"
                + " 6378137.0 * radians(ST_X(CAST(l.place AS geometry))) + c.lane * 1.0e8 AS lane_x,"
                + " 6378137.0 * ln(tan(pi() / 4 + radians(greatest(-85.0511287798, least(85.0511287798,"
                + " ST_Y(CAST(l.place AS geometry))))) / 2)) AS y,"
                + " ST_Y(CAST(l.place AS geometry)) AS lat, ST_X(CAST(l.place AS geometry)) AS lon"
                + " FROM bench_ranking_request b JOIN listing l ON l.id = b.id JOIN category c ON c.code = l.category_code"
                + " WHERE b.n = :n \\gset\n"
                + out.toString().strip().replaceAll("\\s*\n\\s*", " ") + ";\n");
    }

    static void plan(ApplicationContext context, int runs) {
        PlanService plans = context.getBean(PlanService.class);
        // The area's requests lie in a box of ±0.06° × ±0.04° (corners up to 6.2 km out): 6.5 km takes all 600.
        var circle = new CandidateRepository.Circle(Places.point(50.0, 10.0), 6_500);
        PlanService.Plan last = null;
        for (int i = 0; i < 2; i++) {
            last = plans.plan(null, circle);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = plans.plan(null, circle);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        ms.sort(Double::compare);
        System.out.printf(Locale.ROOT,
                "{\"runs\": %d, \"waitingRequests\": %d, \"helpersConsidered\": %d, \"matched\": %d, \"meanDistanceMetres\": %.0f, "
                        + "\"p50_ms\": %.1f, \"max_ms\": %.1f}%n",
                runs, last.waitingRequests(), last.helpersConsidered(), last.matched(), last.meanDistanceMetres(),
                ms.get(ms.size() / 2), ms.get(ms.size() - 1));
    }
}
