package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import nl.noaber.matching.CityPlanner.Edge;
import nl.noaber.matching.CityPlanner.Plan;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The city-wide plan: hand-worked cases where the per-request greedy choice goes wrong, the order
 * of the goals (most matches first, then least cost), capacities and the load penalty, edge
 * cases, and two property tests: small random instances against an exhaustive search, medium ones
 * against the optimality certificate of a minimum-cost flow. Pure unit tests, no database, no
 * timings (see {@link CityPlannerBench}).
 */
class CityPlannerTest {
    /** Helper and request names used in the comments of the hand-worked cases. */
    private static final int A = 0, B = 1, C = 2, X = 0, Y = 1, Z = 2;

    private static Edge e(int request, int helper, double cost) {
        return new Edge(request, helper, cost);
    }

    private static int[] caps(int... capacity) {
        return capacity;
    }

    @Nested
    class BetterThanGreedy {
        @Test
        void theOnlyHelperOfBGoesToBAndAMovesToItsSecondChoice() {
            // A can use X (1.0) or Y (2.0); B only X (1.5). Greedy, A first, takes X for A (its
            // closest) and leaves B without a helper: 1 match, cost 1.0.
            // The plan: B→X (1.5) and A→Y (2.0): 2 matches, cost 3.5.
            Plan plan = CityPlanner.plan(2, caps(1, 1), List.of(e(A, X, 1.0), e(A, Y, 2.0), e(B, X, 1.5)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(Y, X);
            assertThat(plan.matched()).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(3.5, within(1e-9));
        }

        @Test
        void withTheSameCountTheLeastTotalCostWinsOverEachRequestsNearest() {
            // A: X 1, Y 2.  B: X 2, Y 10.  Greedy, A first: A→X (1), B→Y (10) = 11.
            // Both plans match 2; the plan swaps them: A→Y (2), B→X (2) = 4.
            Plan plan = CityPlanner.plan(2, caps(1, 1),
                    List.of(e(A, X, 1), e(A, Y, 2), e(B, X, 2), e(B, Y, 10)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(Y, X);
            assertThat(plan.matched()).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(4.0, within(1e-9));
        }

        @Test
        void threeRequestsRotateAroundTheContestedHelper() {
            // A: X 1, Y 3.  B: Y 1, Z 3.  C: X 2 only.  All capacity 1.
            // Greedy in order: A→X (1), B→Y (1), C nothing: 2 matches, cost 2.
            // The plan must give X to C (2), so A→Y (3) and B→Z (3): 3 matches, cost 8.
            // (A→X would leave C out; every other 3-match plan needs X for C as well.)
            Plan plan = CityPlanner.plan(3, caps(1, 1, 1),
                    List.of(e(A, X, 1), e(A, Y, 3), e(B, Y, 1), e(B, Z, 3), e(C, X, 2)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(Y, Z, X);
            assertThat(plan.matched()).isEqualTo(3);
            assertThat(plan.cost()).isCloseTo(8.0, within(1e-9));
        }
    }

    @Nested
    class MostMatchesFirst {
        @Test
        void aCheaperPlanMatchingFewerIsNeverChosen() {
            // A: X 0, Y 10.  B: X 10.  One match (A→X) costs 0; two (A→Y, B→X) cost 20.
            // Two matches win. Note the "unmatched" cost must exceed 20 here, not only the dearest
            // single pair (10): moving A to Y to free X is part of B's augmenting path.
            Plan plan = CityPlanner.plan(2, caps(1, 1), List.of(e(A, X, 0), e(A, Y, 10), e(B, X, 10)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(Y, X);
            assertThat(plan.matched()).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(20.0, within(1e-9));
        }

        @Test
        void aLongChainOfSecondChoicesIsStillPreferredToLeavingOneOut() {
            // Requests r0..r4 each have helper h_i at 0 and h_{i+1} at 100; request q = r5 has only
            // h0 at 100. All capacity 1. Leaving q out costs 0 (r_i→h_i). Matching all six is
            // possible in exactly one way: q→h0, r_i→h_{i+1}: 6 × 100 = 600, an augmenting path six
            // times the dearest pair.
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                edges.add(e(i, i, 0));
                edges.add(e(i, i + 1, 100));
            }
            edges.add(e(5, 0, 100));

            Plan plan = CityPlanner.plan(6, caps(1, 1, 1, 1, 1, 1), edges, 0);

            assertThat(plan.helperOfRequest()).containsExactly(1, 2, 3, 4, 5, 0);
            assertThat(plan.matched()).isEqualTo(6);
            assertThat(plan.cost()).isCloseTo(600.0, within(1e-9));
        }

        @Test
        void aLoadPenaltyNeverCostsAMatch() {
            // X (capacity 3) is the only helper of A, B and C, each at 1. Penalty 100: the matches
            // cost 1 + 1 + 1 plus 0 + 100 + 200 in penalties = 303, still better than fewer.
            Plan plan = CityPlanner.plan(3, caps(3), List.of(e(A, X, 1), e(B, X, 1), e(C, X, 1)), 100);

            assertThat(plan.helperOfRequest()).containsExactly(X, X, X);
            assertThat(plan.matched()).isEqualTo(3);
            assertThat(plan.cost()).isCloseTo(303.0, within(1e-9));
        }
    }

    @Nested
    class Capacities {
        @Test
        void noHelperGetsMoreThanItsCapacity() {
            // Four requests; X (capacity 2) at 1 for all, Y (capacity 1) at 5 for all, Z (capacity
            // 0) at 0 for all. Only 3 places: X twice (1 + 1) and Y once (5) = 7; Z is unused.
            List<Edge> edges = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                edges.add(e(r, X, 1));
                edges.add(e(r, Y, 5));
                edges.add(e(r, Z, 0));
            }
            Plan plan = CityPlanner.plan(4, caps(2, 1, 0), edges, 0);

            assertThat(plan.matched()).isEqualTo(3);
            assertThat(plan.cost()).isCloseTo(7.0, within(1e-9));
            assertThat(loads(plan, 3)).containsExactly(2, 1, 0);
            assertThat(plan.helperOfRequest()).containsOnly(X, Y, -1).doesNotContain(Z);
        }

        @Test
        void aRequestWhoseOnlyHelperHasNoCapacityStaysUnmatched() {
            // A: Z only (capacity 0).  B: X at 3.
            Plan plan = CityPlanner.plan(2, caps(1, 0, 0), List.of(e(A, Z, 0), e(B, X, 3)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(-1, X);
            assertThat(plan.matched()).isEqualTo(1);
            assertThat(plan.cost()).isCloseTo(3.0, within(1e-9));
        }

        @Test
        void aHugeCapacityIsNoProblem() {
            Plan plan = CityPlanner.plan(3, caps(Integer.MAX_VALUE),
                    List.of(e(A, X, 1), e(B, X, 2), e(C, X, 3)), 0.5);

            assertThat(plan.helperOfRequest()).containsExactly(X, X, X);
            assertThat(plan.cost()).isCloseTo(6 + 0.5 * (0 + 1 + 2), within(1e-9));
        }
    }

    @Nested
    class LoadPenalty {
        /**
         * X (capacity 3) at 1.0 for A, B and C; each request also has its own helper (Y0, Y1, Y2,
         * capacity 1) at 1.2.
         */
        private Plan threeOnX(double penalty) {
            int x = 0;
            return CityPlanner.plan(3, caps(3, 1, 1, 1), List.of(
                    e(A, x, 1.0), e(A, 1, 1.2),
                    e(B, x, 1.0), e(B, 2, 1.2),
                    e(C, x, 1.0), e(C, 3, 1.2)), penalty);
        }

        @Test
        void withoutPenaltyTheCheapHelperTakesAllThree() {
            // 1.0 × 3 = 3.0 beats any plan using a Y (each Y costs 0.2 more).
            Plan plan = threeOnX(0);

            assertThat(plan.helperOfRequest()).containsExactly(0, 0, 0);
            assertThat(plan.cost()).isCloseTo(3.0, within(1e-9));
        }

        @Test
        void aPenaltyAboveTheDifferenceSpreadsTheLoad() {
            // Penalty 0.5 > 0.2: X's second match would cost 1.0 + 0.5 > 1.2, so X takes one
            // request and the other two go to their own Y: 1.0 + 1.2 + 1.2 = 3.4.
            Plan plan = threeOnX(0.5);

            assertThat(plan.matched()).isEqualTo(3);
            int[] load = loads(plan, 4);
            assertThat(load[0]).isEqualTo(1);
            assertThat(load[1] + load[2] + load[3]).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(3.4, within(1e-9));
        }

        @Test
        void aSmallerPenaltyStopsWhereTheNextMatchGetsDearer() {
            // Penalty 0.15: X's 2nd match costs 1.0 + 0.15 = 1.15 < 1.2, its 3rd 1.0 + 0.30 > 1.2.
            // So X takes two, one request goes to its Y: pairs 1.0 + 1.0 + 1.2 = 3.2, plus the
            // penalty of X's second match 0.15 = 3.35.
            Plan plan = threeOnX(0.15);

            assertThat(plan.matched()).isEqualTo(3);
            assertThat(loads(plan, 4)[0]).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(3.35, within(1e-9));
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void zeroRequests() {
            Plan plan = CityPlanner.plan(0, caps(1, 2), List.of(), 0);

            assertThat(plan.helperOfRequest()).isEmpty();
            assertThat(plan.matched()).isZero();
            assertThat(plan.cost()).isZero();
        }

        @Test
        void zeroHelpers() {
            Plan plan = CityPlanner.plan(3, new int[0], List.of(), 1);

            assertThat(plan.helperOfRequest()).containsExactly(-1, -1, -1);
            assertThat(plan.matched()).isZero();
            assertThat(plan.cost()).isZero();
        }

        @Test
        void noEdges() {
            Plan plan = CityPlanner.plan(2, caps(1, 1), List.of(), 0);

            assertThat(plan.helperOfRequest()).containsExactly(-1, -1);
            assertThat(plan.matched()).isZero();
        }

        @Test
        void everyCapacityZero() {
            Plan plan = CityPlanner.plan(2, caps(0, 0), List.of(e(A, X, 1), e(B, Y, 1)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(-1, -1);
            assertThat(plan.matched()).isZero();
            assertThat(plan.cost()).isZero();
        }

        @Test
        void requestsWithoutEdgesStayUnmatchedAndTheOthersAreServed() {
            // Requests 0 and 2 have no pairs; 1 has X at 2.5; 3 has Y at 0.
            Plan plan = CityPlanner.plan(4, caps(1, 1), List.of(e(1, X, 2.5), e(3, Y, 0)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(-1, X, -1, Y);
            assertThat(plan.matched()).isEqualTo(2);
            assertThat(plan.cost()).isCloseTo(2.5, within(1e-9));
        }

        @Test
        void allCostsZeroStillMaximisesTheCount() {
            Plan plan = CityPlanner.plan(2, caps(1, 1), List.of(e(A, X, 0), e(A, Y, 0), e(B, X, 0)), 0);

            assertThat(plan.helperOfRequest()).containsExactly(Y, X);
            assertThat(plan.cost()).isZero();
        }

        @Test
        void duplicatePairsKeepTheCheapestWhateverTheirOrder() {
            List<Edge> edges = List.of(e(A, X, 5), e(A, X, 1), e(A, X, 3));
            List<Edge> reversed = new ArrayList<>(edges);
            Collections.reverse(reversed);

            assertThat(CityPlanner.plan(1, caps(1), edges, 0).cost()).isCloseTo(1.0, within(1e-9));
            assertThat(CityPlanner.plan(1, caps(1), reversed, 0).cost()).isCloseTo(1.0, within(1e-9));
        }

        @ParameterizedTest
        @ValueSource(doubles = {1e-7, 1e-3, 1, 1e3, 1e7, 1e12})
        void theUnitOfTheCostsDoesNotMatter(double unit) {
            // The greedy case in metres, kilometres, micro- or tera-units: the same plan.
            Plan plan = CityPlanner.plan(2, caps(1, 1),
                    List.of(e(A, X, 1.0 * unit), e(A, Y, 2.0 * unit), e(B, X, 1.5 * unit)), 0.1 * unit);

            assertThat(plan.helperOfRequest()).containsExactly(Y, X);
            assertThat(plan.cost()).isCloseTo(3.5 * unit, within(3.5 * unit * 1e-9));
        }

        @Test
        void invalidRequestIndexIsRefused() {
            assertThatThrownBy(() -> CityPlanner.plan(2, caps(1), List.of(e(A, X, 1), e(2, X, 1)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("edge 1")
                    .hasMessageContaining("request index 2 outside 0..1");
            assertThatThrownBy(() -> CityPlanner.plan(2, caps(1), List.of(e(-1, X, 1)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("request index -1");
        }

        @Test
        void invalidHelperIndexIsRefused() {
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1, 1), List.of(e(A, 2, 1)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("helper index 2 outside 0..1");
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1), List.of(e(A, -3, 1)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("helper index -3");
            assertThatThrownBy(() -> CityPlanner.plan(1, new int[0], List.of(e(A, 0, 1)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("helper index 0");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-1, -1e-12, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void negativeOrNonFiniteCostsAreRefused(double cost) {
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1), List.of(e(A, X, cost)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cost must be finite and >= 0");
        }

        @Test
        void anEdgeToAHelperWithoutCapacityIsStillValidated() {
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(0), List.of(e(A, X, -1)), 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
        void negativeOrNonFinitePenaltyIsRefused(double penalty) {
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1), List.of(e(A, X, 1)), penalty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loadPenalty");
        }

        @Test
        void negativeCountsAreRefused() {
            assertThatThrownBy(() -> CityPlanner.plan(-1, caps(1), List.of(), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("requests must be >= 0");
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1, -2), List.of(), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capacity[1] must be >= 0");
        }

        @Test
        void nullsAreRefused() {
            assertThatThrownBy(() -> CityPlanner.plan(1, null, List.of(), 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("capacity");
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1), null, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("edges");
            assertThatThrownBy(() -> CityPlanner.plan(1, caps(1), Arrays.asList(e(A, X, 1), null), 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("index 1");
        }

        @Test
        void theSameInputGivesTheSamePlan() {
            // Big enough for ties and long searches; integer costs make ties common.
            SplittableRandom random = new SplittableRandom(7);
            int requests = 150, helpers = 120;
            int[] capacity = new int[helpers];
            for (int h = 0; h < helpers; h++) {
                capacity[h] = random.nextInt(0, 3);
            }
            List<Edge> edges = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                for (int i = 0; i < 8; i++) {
                    edges.add(e(r, random.nextInt(helpers), random.nextInt(5)));
                }
            }

            Plan first = CityPlanner.plan(requests, capacity, edges, 1);
            for (int i = 0; i < 5; i++) {
                assertThat(CityPlanner.plan(requests, capacity, List.copyOf(edges), 1)).isEqualTo(first);
            }
            assertValid(first, requests, capacity, edges, 1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Property tests.

    static IntStream smallSeeds() {
        return IntStream.range(0, 300);
    }

    /** Up to 6 requests, 4 helpers of capacity 0–2, random pairs (some duplicated), random penalty. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallSeeds")
    void smallRandomInstancesMatchTheExhaustiveSearch(int seed) {
        Random random = new Random(seed);
        Instance in = randomInstance(random, random.nextInt(7), random.nextInt(5), 2, 0.45);

        Plan plan = CityPlanner.plan(in.requests, in.capacity, in.edges, in.penalty);
        Best best = bruteForce(in);

        assertValid(plan, in.requests, in.capacity, in.edges, in.penalty);
        assertThat(plan.matched()).as("matched, %s", in).isEqualTo(best.matched);
        assertThat(plan.cost()).as("cost, %s", in).isCloseTo(best.cost, within(1e-6));
    }

    static IntStream mediumSeeds() {
        return IntStream.range(1000, 1040);
    }

    /**
     * 20–40 requests, 10–30 helpers of capacity 0–3: too big to enumerate, so the plan is checked
     * against the optimality conditions of the flow instead. In the residual network of the plan
     * (without the "unmatched" arcs) there must be no path from the source to the sink (else one
     * more request could be matched) and no cycle of negative cost (else the same number of
     * matches could be had cheaper).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mediumSeeds")
    void mediumRandomInstancesSatisfyTheOptimalityConditions(int seed) {
        Random random = new Random(seed);
        Instance in = randomInstance(random, 20 + random.nextInt(21), 10 + random.nextInt(21), 3, 0.12);

        Plan plan = CityPlanner.plan(in.requests, in.capacity, in.edges, in.penalty);

        assertValid(plan, in.requests, in.capacity, in.edges, in.penalty);
        Residual residual = new Residual(plan, in);
        assertThat(residual.sinkReachable()).as("an augmenting path exists, %s", in).isFalse();
        assertThat(residual.hasNegativeCycle()).as("a cheaper plan with as many matches exists, %s", in).isFalse();
    }

    record Instance(int requests, int[] capacity, List<Edge> edges, double penalty) {
        @Override
        public String toString() {
            return "requests=" + requests + " capacity=" + Arrays.toString(capacity) + " penalty=" + penalty
                    + " edges=" + edges;
        }
    }

    private static Instance randomInstance(Random random, int requests, int helpers, int maxCapacity,
            double density) {
        int[] capacity = new int[helpers];
        for (int h = 0; h < helpers; h++) {
            capacity[h] = random.nextInt(maxCapacity + 1);
        }
        List<Edge> edges = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            for (int h = 0; h < helpers; h++) {
                if (random.nextDouble() < density) {
                    edges.add(e(r, h, randomCost(random)));
                    if (random.nextDouble() < 0.15) {
                        edges.add(e(r, h, randomCost(random)));
                    }
                }
            }
        }
        Collections.shuffle(edges, random);
        double penalty = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0.5;
            case 2 -> 1;
            default -> random.nextDouble() * 3;
        };
        return new Instance(requests, capacity, edges, penalty);
    }

    /** Half continuous, a third small integers (many ties), the rest zero. */
    private static double randomCost(Random random) {
        double p = random.nextDouble();
        return p < 0.5 ? random.nextDouble() * 10 : p < 0.83 ? random.nextInt(6) : 0;
    }

    /** The cheapest cost per (request, helper) pair. */
    private static Map<Long, Double> cheapest(List<Edge> edges, int helpers) {
        Map<Long, Double> cheapest = new HashMap<>();
        for (Edge edge : edges) {
            cheapest.merge((long) edge.request() * helpers + edge.helper(), edge.cost(), Math::min);
        }
        return cheapest;
    }

    private static int[] loads(Plan plan, int helpers) {
        int[] load = new int[helpers];
        for (int h : plan.helperOfRequest()) {
            if (h >= 0) {
                load[h]++;
            }
        }
        return load;
    }

    /**
     * Every planned pair is a feasible pair, no helper is over capacity, and matched and cost agree
     * with the assignment.
     */
    private static void assertValid(Plan plan, int requests, int[] capacity, List<Edge> edges, double penalty) {
        assertThat(plan.helperOfRequest()).hasSize(requests);
        Map<Long, Double> cheapest = cheapest(edges, capacity.length);
        int matched = 0;
        double cost = 0;
        for (int r = 0; r < requests; r++) {
            int h = plan.helperOfRequest()[r];
            if (h >= 0) {
                Double pair = cheapest.get((long) r * capacity.length + h);
                assertThat(pair).as("request %d planned with helper %d without a pair", r, h).isNotNull();
                matched++;
                cost += pair;
            } else {
                assertThat(h).isEqualTo(-1);
            }
        }
        int[] load = loads(plan, capacity.length);
        for (int h = 0; h < capacity.length; h++) {
            assertThat(load[h]).as("load of helper %d", h).isLessThanOrEqualTo(capacity[h]);
            cost += penalty * load[h] * (load[h] - 1) / 2.0;
        }
        assertThat(plan.matched()).isEqualTo(matched);
        assertThat(plan.cost()).isCloseTo(cost, within(1e-9 * Math.max(1, cost)));
    }

    record Best(int matched, double cost) {}

    /** Tries every assignment (each request: one of its helpers or none) within the capacities. */
    private static Best bruteForce(Instance in) {
        int helpers = in.capacity.length;
        Map<Long, Double> cheapest = cheapest(in.edges, helpers);
        double[][] cost = new double[in.requests][helpers];
        for (double[] row : cost) {
            Arrays.fill(row, Double.NaN);
        }
        cheapest.forEach((key, c) -> cost[(int) (key / helpers)][(int) (key % helpers)] = c);
        Best[] best = {new Best(0, 0)};
        search(0, 0, 0, new int[helpers], cost, in, best);
        return best[0];
    }

    private static void search(int r, int matched, double pairCost, int[] load, double[][] cost, Instance in,
            Best[] best) {
        if (r == in.requests) {
            double total = pairCost;
            for (int l : load) {
                total += in.penalty * l * (l - 1) / 2.0;
            }
            if (matched > best[0].matched || matched == best[0].matched && total < best[0].cost) {
                best[0] = new Best(matched, total);
            }
            return;
        }
        search(r + 1, matched, pairCost, load, cost, in, best);
        for (int h = 0; h < load.length; h++) {
            if (!Double.isNaN(cost[r][h]) && load[h] < in.capacity[h]) {
                load[h]++;
                search(r + 1, matched + 1, pairCost + cost[r][h], load, cost, in, best);
                load[h]--;
            }
        }
    }

    /**
     * The residual network of a plan: source, requests, helpers, sink. A helper's way to the sink
     * is one unit arc per capacity unit, the k-th costing k × penalty; a used arc appears reversed
     * with the negated cost.
     */
    private static final class Residual {
        private final int nodes;
        private final List<int[]> arcs = new ArrayList<>();
        private final List<Double> costs = new ArrayList<>();

        Residual(Plan plan, Instance in) {
            int requests = in.requests, helpers = in.capacity.length;
            int source = 0, sink = requests + helpers + 1;
            nodes = sink + 1;
            int[] load = loads(plan, helpers);
            for (int r = 0; r < requests; r++) {
                boolean matched = plan.helperOfRequest()[r] >= 0;
                arc(matched ? 1 + r : source, matched ? source : 1 + r, 0);
            }
            cheapest(in.edges, helpers).forEach((key, c) -> {
                int r = (int) (key / helpers), h = (int) (key % helpers);
                if (plan.helperOfRequest()[r] == h) {
                    arc(1 + requests + h, 1 + r, -c);
                } else {
                    arc(1 + r, 1 + requests + h, c);
                }
            });
            for (int h = 0; h < helpers; h++) {
                for (int k = 0; k < in.capacity[h]; k++) {
                    if (k < load[h]) {
                        arc(sink, 1 + requests + h, -k * in.penalty);
                    } else {
                        arc(1 + requests + h, sink, k * in.penalty);
                    }
                }
            }
        }

        private void arc(int from, int to, double cost) {
            arcs.add(new int[] {from, to});
            costs.add(cost);
        }

        boolean sinkReachable() {
            boolean[] seen = new boolean[nodes];
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
            seen[0] = true;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int[] arc : arcs) {
                    if (arc[0] == u && !seen[arc[1]]) {
                        seen[arc[1]] = true;
                        queue.add(arc[1]);
                    }
                }
            }
            return seen[nodes - 1];
        }

        /**
         * Bellman–Ford from all nodes at once. A relaxation must gain more than 1e-6, so rounding
         * noise far below the tolerance of the comparisons above does not count as a cycle.
         */
        boolean hasNegativeCycle() {
            double[] distance = new double[nodes];
            for (int round = 0; round <= nodes; round++) {
                boolean relaxed = false;
                for (int i = 0; i < arcs.size(); i++) {
                    int[] arc = arcs.get(i);
                    if (distance[arc[0]] + costs.get(i) < distance[arc[1]] - 1e-6) {
                        distance[arc[1]] = distance[arc[0]] + costs.get(i);
                        relaxed = true;
                    }
                }
                if (!relaxed) {
                    return false;
                }
            }
            return true;
        }
    }
}
