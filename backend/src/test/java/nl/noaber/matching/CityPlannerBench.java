package nl.noaber.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link CityPlanner#plan} at the size of a real city-wide suggestion. Not a test (no timed
 * unit tests); run it with the backend's test class path:
 *
 * <pre>
 * mvn -q -pl backend dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp backend/target/classes:backend/target/test-classes:$(cat /tmp/cp.txt) \
 *      nl.noaber.matching.CityPlannerBench [seed]
 * </pre>
 *
 * Three seeded instances on a 12 × 10 km town, costs are distances in km, load penalty 0.5 km:
 * <ul>
 *   <li>{@code city}: 600 requests × 2,400 helpers (capacity 1–3); 60% of the requests crowd into
 *       four pilot areas, the rest anywhere; each request's pairs are its 20–60 nearest helpers
 *       (about 24,000 pairs);</li>
 *   <li>{@code city-60}: the same with 60 pairs for every request (36,000 pairs, the upper end);</li>
 *   <li>{@code scarce}: 600 requests × 400 helpers of capacity 1, all in the four pilot areas, so
 *       a third of the requests stay unmatched and the search for each of them sweeps its whole
 *       area: the hard case for successive shortest paths.</li>
 * </ul>
 * Prints, per instance, the median and the maximum of 10 solves after a warm-up, in milliseconds.
 */
public final class CityPlannerBench {
    private static final int WARM_UP = 15;
    private static final int RUNS = 10;

    private CityPlannerBench() {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        run("city", instance(seed, 600, 2400, 1, 3, 20, 60, 0.6), 0.5);
        run("city-60", instance(seed, 600, 2400, 1, 3, 60, 60, 0.6), 0.5);
        run("scarce", instance(seed, 600, 400, 1, 1, 20, 60, 1.0), 0.5);
    }

    private static void run(String name, Instance in, double penalty) {
        CityPlanner.Plan plan = null;
        for (int i = 0; i < WARM_UP; i++) {
            plan = CityPlanner.plan(in.requests, in.capacity, in.edges, penalty);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            CityPlanner.Plan again = CityPlanner.plan(in.requests, in.capacity, in.edges, penalty);
            nanos[i] = System.nanoTime() - start;
            if (!again.equals(plan)) {
                throw new AssertionError("the same input gave another plan");
            }
        }
        Arrays.sort(nanos);
        double median = (nanos[RUNS / 2 - 1] + nanos[RUNS / 2]) / 2e6;
        System.out.printf(Locale.ROOT,
                "%-8s requests=%d helpers=%d pairs=%d matched=%d cost=%.3f  median=%.1f ms max=%.1f ms%n",
                name, in.requests, in.capacity.length, in.edges.size(), plan.matched(), plan.cost(), median,
                nanos[RUNS - 1] / 1e6);
    }

    record Instance(int requests, int[] capacity, List<CityPlanner.Edge> edges) {}

    /** Four pilot areas, where a share {@code crowded} of the requests lives. */
    private static final double[][] PILOTS = {{3, 3}, {8, 2.5}, {4.5, 7}, {9.5, 7.5}};

    static Instance instance(long seed, int requests, int helpers, int minCapacity, int maxCapacity,
            int minPairs, int maxPairs, double crowded) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] helper = new double[helpers][];
        int[] capacity = new int[helpers];
        for (int h = 0; h < helpers; h++) {
            // In the scarce instance (crowded = 1) helpers live in the pilot areas too.
            helper[h] = crowded >= 1 ? near(random, PILOTS[h % PILOTS.length]) : anywhere(random);
            capacity[h] = random.nextInt(minCapacity, maxCapacity + 1);
        }
        List<CityPlanner.Edge> edges = new ArrayList<>();
        Integer[] order = new Integer[helpers];
        double[] distance = new double[helpers];
        for (int r = 0; r < requests; r++) {
            double[] at = random.nextDouble() < crowded ? near(random, PILOTS[random.nextInt(PILOTS.length)])
                    : anywhere(random);
            for (int h = 0; h < helpers; h++) {
                order[h] = h;
                distance[h] = Math.hypot(at[0] - helper[h][0], at[1] - helper[h][1]);
            }
            Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
            int pairs = random.nextInt(minPairs, maxPairs + 1);
            for (int i = 0; i < pairs; i++) {
                edges.add(new CityPlanner.Edge(r, order[i], distance[order[i]]));
            }
        }
        return new Instance(requests, capacity, edges);
    }

    private static double[] anywhere(SplittableRandom random) {
        return new double[] {random.nextDouble(0, 12), random.nextDouble(0, 10)};
    }

    private static double[] near(SplittableRandom random, double[] centre) {
        return new double[] {centre[0] + gaussian(random) * 0.6, centre[1] + gaussian(random) * 0.6};
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
