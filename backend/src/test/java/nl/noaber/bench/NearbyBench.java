package nl.noaber.bench;

import io.micronaut.context.ApplicationContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nl.noaber.geo.Places;
import nl.noaber.listing.Kind;
import nl.noaber.listing.NearbyQuery;
import nl.noaber.listing.NearbyRepository;

/**
 * The Java layer of the nearby benchmark (bench/nearby/run.sh): "the 20 nearest open requests"
 * around random points in Haarlem through {@link NearbyRepository}, one thread, as the HTTP
 * endpoint calls it. Not a test; run with the backend's test class path.
 *
 * <pre>
 * java -cp backend/target/noaber-backend.jar:backend/target/test-classes nl.noaber.bench.NearbyBench \
 *      jdbc:postgresql://127.0.0.1:5432/noaber_bench [queries] [category|-]
 * java ... nl.noaber.bench.NearbyBench --sql [category|-]    prints the query for pgbench
 * </pre>
 *
 * Prints one JSON object: p50, p90, p99, max and mean in milliseconds.
 */
public final class NearbyBench {
    /** Haarlem's built-up area, where the benchmark's dense cluster lies. */
    static final double LAT_MIN = 52.345, LAT_MAX = 52.415, LON_MIN = 4.600, LON_MAX = 4.690;
    static final int RADIUS = 5_000;
    static final int LIMIT = 20;
    /** The category of the filtered variant, in every layer. */
    static final String BENCH_CATEGORY = "SHOPPING";

    private NearbyBench() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--sql")) {
            boolean category = args.length > 1 && !args[1].equals("-");
            System.out.println(pgbenchSql(category));
            return;
        }
        String url = args[0];
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String category = args.length > 2 && !args[2].equals("-") ? args[2] : null;

        try (ApplicationContext context = ApplicationContext.run(
                BenchContext.properties(url, Map.of("noaber.reference.enabled", "false")))) {
            NearbyRepository repository = context.getBean(NearbyRepository.class);
            SplittableRandom random = new SplittableRandom(42);
            // Warm-up: JIT, connection pool and the server's plan cache (the driver prepares after 5 uses).
            for (int i = 0; i < Math.max(2_000, queries / 5); i++) {
                repository.nearby(query(random, category));
            }
            long[] nanos = new long[queries];
            long rows = 0;
            for (int i = 0; i < queries; i++) {
                NearbyQuery q = query(random, category);
                long start = System.nanoTime();
                rows += repository.nearby(q).size();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            System.out.printf(Locale.ROOT,
                    "{\"queries\": %d, \"meanRows\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"mean_ms\": %.3f}%n",
                    queries, rows / (double) queries, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos[nanos.length - 1] / 1e6, mean);
        }
    }

    static NearbyQuery query(SplittableRandom random, String category) {
        double lat = LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN);
        double lon = LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN);
        // The endpoint leaves out the caller's own listings; a participant id that owns none costs the same.
        return new NearbyQuery(Kind.REQUEST, Places.point(lat, lon), RADIUS, category, -1L, LIMIT + 1, null);
    }

    static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * The repository's own SQL with pgbench variables: the Web Mercator query point is computed
     * from :lon and :lat by the same formula as Places (pgbench variables are numbers), and a
     * category's lane comes from the variable :lane; everything else is identical.
     */
    static String pgbenchSql(boolean category) {
        String sql = new NearbyRepository(null, null).sqlFor(Kind.REQUEST, category, true, false);
        String x = "6378137.0 * radians(:lon)" + (category ? " + :lane * 1.0e8" : "");
        String y = "6378137.0 * ln(tan(pi() / 4 + radians(:lat) / 2))";
        String[] values = category
                ? new String[] {x, y, ":category", "-1", "-1", "-1", x, y, Integer.toString(LIMIT + 1)}
                : new String[] {x, y, "-1", "-1", "-1", x, y, Integer.toString(LIMIT + 1)};
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append(values[v++]);
            } else {
                out.append(c == '\n' ? ' ' : c);
            }
        }
        // pgbench variables are numbers, so the category is the benchmark's fixed one as a literal.
        return out.toString().replace(":category", "'" + BENCH_CATEGORY + "'");
    }
}
