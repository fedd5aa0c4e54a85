package nl.noaber.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm.MinimumCostFlow;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * The makelaar's city-wide suggestion: for all waiting requests of an area at once, which helper
 * takes which request. Pure Java, no database: the caller has already filtered the pairs to the
 * feasible ones (radius, skills, availability) and priced each one.
 *
 * <h2>What the plan optimises</h2>
 * <ol>
 *   <li>First, as many requests as possible get a helper. A plan that matches fewer requests is
 *       never chosen, however much cheaper it is.</li>
 *   <li>Among all plans that match that many, the one with the least total cost: the sum of the
 *       chosen pairs' costs plus the load penalties. A helper's k-th planned match (k = 1, 2, …)
 *       costs an extra (k − 1) × {@code loadPenalty}, so a helper's first match is free, the second
 *       costs one penalty more, the third two more. With a penalty the plan spreads work over more
 *       helpers when that costs little extra distance; with 0 it is the pure least-cost plan.</li>
 * </ol>
 * Asking each request in turn for its cheapest free helper (greedy) gets both wrong: if A can go to
 * X or Y but B only to X, greedy gives X to A when X is closer to A and leaves B without anyone;
 * the plan gives X to B and Y to A.
 *
 * <h2>The model: a minimum-cost flow</h2>
 * Think of every request sending one unit of "need" to a common sink, along one of these roads:
 * <ul>
 *   <li>request → helper, one road per feasible pair, room for one unit, at the pair's cost;</li>
 *   <li>helper → sink as {@code capacity[h]} separate one-unit roads costing 0, penalty,
 *       2·penalty, …: the k-th unit through a helper pays the k-th road, and since the roads get
 *       dearer the flow always fills the cheap ones first (a convex cost per helper);</li>
 *   <li>request → sink directly, the "unmatched" road, at a cost M that is larger than anything a
 *       rearrangement of the plan could cost (below), so the flow only takes it when there is no
 *       way at all to give the request a helper.</li>
 * </ul>
 * The cheapest way to route every unit is the plan: a unit on request → helper means "this helper
 * for this request". Because every road carries whole units and the capacities are integers, the
 * optimal flow is integral (one helper per request, at most {@code capacity[h]} per helper).
 * <p>
 * The textbook network has a source with supply {@code requests} and a zero-cost, capacity-one arc
 * to every request. Here every request node has supply 1 itself, which is the same problem with
 * one node less; it lets JGraphT's successive-shortest-path search start at the request it routes,
 * so an uncontested request is settled after looking at its own few pairs, not the whole city.
 *
 * <h2>How big M must be</h2>
 * M must exceed the cost of any <em>augmenting path</em>, not just of one request → helper → sink
 * path: giving one more request a helper can move a chain of others to their second choices.
 * Example: A has X at 0 and Y at 10, B has only X at 10; one match (A→X) costs 0, two matches
 * (A→Y, B→X) cost 20, so an M of 11 (above the dearest single path, 10) would keep B unmatched.
 * Such a path visits each request at most once and moves forward along one pair per request it
 * visits, backwards (refunding a cost) along the others, and ends on one helper → sink road, so
 * <pre>
 *   M = 1 + Σ over requests of (its dearest pair) + (largest number of roads of a helper − 1) · penalty
 * </pre>
 * (in integer cost units, below) is always enough: swapping a request from "unmatched" to matched
 * along any augmenting path then saves at least one unit, so the optimum matches the most requests.
 *
 * <h2>Integer costs</h2>
 * JGraphT's {@link CapacityScalingMinimumCostFlow} takes {@code double} costs, refuses arcs costing
 * {@link CapacityScalingMinimumCostFlow#COST_INF} (10⁹) or more, and internally gives every node a
 * detour over a dummy node costing 2 · 10⁹ that must never be cheaper than a real path. So all
 * costs are scaled to whole numbers of a unit q chosen per call such that M is at most about
 * 9 · 10⁸ units, and given to JGraphT as whole-valued doubles: below 2⁵³ every sum and difference
 * it computes is then exact, so there are no rounding surprises, ties are broken the same way each
 * time, and the integrality argument for M holds exactly. The price is a cost grid of
 * q = (M in the caller's units) / 9 · 10⁸: the plan is exactly optimal for costs rounded to the
 * grid, and its real cost is within one grid step per rounded term (matched pairs and penalty
 * roads) of the real optimum. For 600 requests with pairs up to 5 km, q is about 3.3 µkm (3 mm)
 * and the whole plan at most a few metres from optimal. The reported {@link Plan#cost()} is
 * computed from the caller's unrounded costs.
 *
 * <h2>Determinism and speed</h2>
 * The network is built in input order (JGraphT's graphs keep insertion order) and the arithmetic is
 * exact, so the same input in the same order gives the same plan. JGraphT runs plain successive
 * shortest paths (scaling factor 1: every road carries one unit, so capacity scaling has nothing
 * to scale): one Dijkstra per request. Pairs to helpers without capacity, and helpers and requests
 * without any usable pair, are left out of the network; a helper gets at most as many helper →
 * sink roads as it has pairs. {@code CityPlannerBench} (test sources) times the real size, 600
 * requests × 2,400 helpers with 20–60 pairs per request (24,000–36,000 pairs): a median of about
 * 50 ms per plan on a 2-core machine. With the textbook source node instead, every search starts
 * at the source and sweeps all unmatched requests: about 0.5 s.
 * <p>
 * Stateless and thread-safe: every call builds its own network (JGraphT's solver keeps only a
 * debug counter in static state).
 */
public final class CityPlanner {

    /** Arc costs stay below this many integer units (JGraphT refuses 10⁹ and more). */
    private static final double UNITS_FOR_M = 9e8;
    /** Upper bound on the scale factor, for inputs whose costs are all (nearly) zero. */
    private static final double MAX_SCALE = 1e12;

    private CityPlanner() {}

    /**
     * A feasible pair: request index, helper index, cost &gt;= 0 (lower is better).
     *
     * @param request index of the request, 0 .. requests − 1
     * @param helper  index of the helper, 0 .. capacity.length − 1
     * @param cost    finite and &gt;= 0, in any unit (distance, minutes, a score)
     */
    public record Edge(int request, int helper, double cost) {}

    /**
     * helperOfRequest[r] = helper index or -1 when unmatched; matched = count; cost = sum of chosen
     * edge costs + load penalties.
     *
     * <p>Equality, hash code and string form follow the array's contents.
     *
     * @param helperOfRequest for each request the planned helper, or −1 when the request stays
     *                        unmatched
     * @param matched         how many requests got a helper
     * @param cost            the sum of the chosen pairs' costs plus, per helper with k planned
     *                        matches, loadPenalty · (0 + 1 + … + (k − 1)), from the caller's
     *                        unrounded costs
     */
    public record Plan(int[] helperOfRequest, int matched, double cost) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Plan p && matched == p.matched
                    && Double.compare(cost, p.cost) == 0
                    && Arrays.equals(helperOfRequest, p.helperOfRequest);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(helperOfRequest) + matched) + Double.hashCode(cost);
        }

        @Override
        public String toString() {
            return "Plan[helperOfRequest=" + Arrays.toString(helperOfRequest) + ", matched=" + matched
                    + ", cost=" + cost + "]";
        }
    }

    /**
     * Computes the plan: the most requests matched and, among all such plans, the least total cost
     * (see the class description for the model).
     *
     * @param requests    number of requests (indices 0..requests-1)
     * @param capacity    capacity[h] = how many more matches helper h can take (>= 0)
     * @param edges       feasible pairs (duplicates of the same pair: keep the cheapest)
     * @param loadPenalty fairness: the k-th match planned for the same helper (k = 1, 2, ...) costs
     *                    an extra (k-1) * loadPenalty, so load spreads over helpers when it costs
     *                    little distance; 0 = pure least cost
     * @return the plan; requests without a usable pair are unmatched (−1)
     * @throws IllegalArgumentException when requests &lt; 0, a capacity is &lt; 0, an edge names a
     *         request or helper out of range, a cost or the penalty is negative, NaN or infinite
     * @throws NullPointerException     when capacity, edges or one of the edges is null
     */
    public static Plan plan(int requests, int[] capacity, List<Edge> edges, double loadPenalty) {
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(edges, "edges");
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, was " + requests);
        }
        for (int h = 0; h < capacity.length; h++) {
            if (capacity[h] < 0) {
                throw new IllegalArgumentException("capacity[" + h + "] must be >= 0, was " + capacity[h]);
            }
        }
        if (!(loadPenalty >= 0) || Double.isInfinite(loadPenalty)) {
            throw new IllegalArgumentException("loadPenalty must be finite and >= 0, was " + loadPenalty);
        }
        int helpers = capacity.length;

        // Validate every pair; keep the cheapest of duplicates (the first of equally cheap ones),
        // in order of first appearance, and drop pairs to helpers without capacity.
        List<Edge> pairs = new ArrayList<>(edges.size());
        Map<Long, Integer> pairIndex = new HashMap<>(Math.max(16, edges.size() * 2));
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e == null) {
                throw new NullPointerException("edges contains null at index " + i);
            }
            if (e.request() < 0 || e.request() >= requests) {
                throw new IllegalArgumentException("edge " + i + " " + e + ": request index " + e.request()
                        + " outside 0.." + (requests - 1));
            }
            if (e.helper() < 0 || e.helper() >= helpers) {
                throw new IllegalArgumentException("edge " + i + " " + e + ": helper index " + e.helper()
                        + " outside 0.." + (helpers - 1));
            }
            if (!(e.cost() >= 0) || Double.isInfinite(e.cost())) {
                throw new IllegalArgumentException("edge " + i + " " + e + ": cost must be finite and >= 0");
            }
            if (capacity[e.helper()] == 0) {
                continue;
            }
            long key = (long) e.request() * helpers + e.helper();
            Integer known = pairIndex.putIfAbsent(key, pairs.size());
            if (known == null) {
                pairs.add(e);
            } else if (e.cost() < pairs.get(known).cost()) {
                pairs.set(known, e);
            }
        }

        int[] helperOfRequest = new int[requests];
        Arrays.fill(helperOfRequest, -1);
        if (pairs.isEmpty()) {
            return new Plan(helperOfRequest, 0, 0.0);
        }

        // Who takes part, and the numbers that bound M.
        double[] dearest = new double[requests];
        Arrays.fill(dearest, -1);
        int[] degree = new int[helpers];
        for (Edge e : pairs) {
            dearest[e.request()] = Math.max(dearest[e.request()], e.cost());
            degree[e.helper()]++;
        }
        int maxRoads = 0;
        for (int h = 0; h < helpers; h++) {
            maxRoads = Math.max(maxRoads, Math.min(capacity[h], degree[h]));
        }
        double bound = (maxRoads - 1) * loadPenalty;
        for (int r = 0; r < requests; r++) {
            if (dearest[r] >= 0) {
                bound += dearest[r];
            }
        }
        if (Double.isInfinite(bound)) {
            throw new IllegalArgumentException("costs too large: their sum overflows a double");
        }
        double scale = bound > 0 ? Math.min(UNITS_FOR_M / bound, MAX_SCALE) : 1.0;
        long penaltyUnits = Math.round(loadPenalty * scale);
        long[] pairUnits = new long[pairs.size()];
        long[] dearestUnits = new long[requests];
        for (int i = 0; i < pairs.size(); i++) {
            Edge e = pairs.get(i);
            pairUnits[i] = Math.round(e.cost() * scale);
            dearestUnits[e.request()] = Math.max(dearestUnits[e.request()], pairUnits[i]);
        }
        long unmatchedUnits = 1 + (maxRoads - 1) * penaltyUnits;
        for (int r = 0; r < requests; r++) {
            unmatchedUnits += dearestUnits[r];
        }
        if (unmatchedUnits >= CapacityScalingMinimumCostFlow.COST_INF) {
            // Only reachable with hundreds of millions of requests: rounding adds half a unit each.
            throw new IllegalArgumentException("too many requests to plan at once: " + requests);
        }

        // The network. Vertices: 0 = sink, then one per request with a pair, then one per helper
        // with a pair, all in index order.
        DirectedWeightedMultigraph<Integer, Road> graph = new DirectedWeightedMultigraph<>(null, null);
        final int sink = 0;
        graph.addVertex(sink);
        int[] requestVertex = new int[requests];
        int[] helperVertex = new int[helpers];
        int next = 1;
        int planned = 0;
        for (int r = 0; r < requests; r++) {
            if (dearest[r] >= 0) {
                requestVertex[r] = next;
                graph.addVertex(next++);
                planned++;
            }
        }
        int firstHelperVertex = next;
        for (int h = 0; h < helpers; h++) {
            if (degree[h] > 0) {
                helperVertex[h] = next;
                graph.addVertex(next++);
            }
        }

        Road[] pairRoads = new Road[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Edge e = pairs.get(i);
            pairRoads[i] = addRoad(graph, requestVertex[e.request()], helperVertex[e.helper()], pairUnits[i]);
        }
        for (int r = 0; r < requests; r++) {
            if (dearest[r] >= 0) {
                addRoad(graph, requestVertex[r], sink, unmatchedUnits);
            }
        }
        for (int h = 0; h < helpers; h++) {
            for (int k = 0; k < Math.min(capacity[h], degree[h]); k++) {
                addRoad(graph, helperVertex[h], sink, k * penaltyUnits);
            }
        }

        final int supplyOfSink = -planned;
        MinimumCostFlowProblem<Integer, Road> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
                graph,
                v -> v == sink ? supplyOfSink : v < firstHelperVertex ? 1 : 0,
                road -> 1);
        MinimumCostFlow<Road> flow = new CapacityScalingMinimumCostFlow<Integer, Road>(1).getMinimumCostFlow(problem);

        // Read the plan off the request → helper roads that carry the flow.
        int[] load = new int[helpers];
        int matched = 0;
        double cost = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (flow.getFlow(pairRoads[i]) > 0.5) {
                Edge e = pairs.get(i);
                helperOfRequest[e.request()] = e.helper();
                load[e.helper()]++;
                matched++;
                cost += e.cost();
            }
        }
        for (int h = 0; h < helpers; h++) {
            if (load[h] > capacity[h]) {
                throw new IllegalStateException("helper " + h + " planned " + load[h] + " > capacity " + capacity[h]);
            }
            cost += loadPenalty * ((long) load[h] * (load[h] - 1) / 2);
        }
        return new Plan(helperOfRequest, matched, cost);
    }

    private static Road addRoad(DirectedWeightedMultigraph<Integer, Road> graph, int from, int to, long units) {
        Road road = new Road();
        graph.addEdge(from, to, road);
        graph.setEdgeWeight(road, units);
        return road;
    }

    /** An arc of the flow network; its weight is its cost in integer units, its capacity 1. */
    private static final class Road extends DefaultWeightedEdge {
        private static final long serialVersionUID = 1L;
    }
}
