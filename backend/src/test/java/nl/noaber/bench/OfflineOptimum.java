package nl.noaber.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm.MinimumCostFlow;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * The offline optimum of the evaluation's replay, computed exactly: knowing every request of every
 * week in advance, the assignment of helpers to requests, each in a week of its choosing, that
 * matches the most requests and, among those, has the least total distance (plus, optionally, a load
 * penalty per helper as the plan's), under the replay's own rules:
 * <ul>
 *   <li>a request can be matched in the week it arrives or any later week of the replay;</li>
 *   <li>a one-off match holds its helper's capacity for the week it is made in (the replay completes
 *       one-off matches at the end of each week); a recurring match holds it from the week it is made
 *       in to the end of the replay (the replay never ends them);</li>
 *   <li>in every week, a helper's one-off matches of that week plus their recurring matches made in
 *       that week or before are at most their capacity;</li>
 *   <li>only the given pairs may be matched (the caller gives every pair within both radii, with the
 *       skill or offer, and the helper free at an asked time).</li>
 * </ul>
 *
 * <h2>Why a minimum-cost flow is exact here</h2>
 * The objective does not care in which week a request is matched. A recurring match made in week w
 * can therefore always be moved to the last week: it then holds capacity in that week only, which
 * it held already, and frees every week before. So some optimum makes every recurring match in the
 * last week, and what is left is a transportation problem in which helper h has, per week t, a
 * slot of {@code capacity[h]} places; a one-off request arriving in week a may take a place in any
 * week from a on, a recurring request only in the last week. The network: every request with a
 * pair has supply 1; request → (h, a) for its pairs (a = its arrival week, or the last week when it
 * recurs), at the pair's cost, room 1; (h, t) → (h, t + 1) at cost 0 (a one-off may wait);
 * (h, t) → h with room {@code capacity[h]} (the week's places); h → sink as the helper's roads, the
 * k-th costing k · penalty; request → sink at a cost M that outweighs any rearrangement, as in
 * {@code CityPlanner}: so the flow matches the most requests first. Every capacity is an integer,
 * so the optimal flow is integral. Costs are whole units of a grid (as in {@code CityPlanner}: M at
 * most 9 · 10⁸ units), so the total distance is optimal to within one grid step per matched pair:
 * for a city of 1,600 requests with pairs up to a few km, millimetres. After solving, the matches are scheduled week by week (recurring
 * ones in the last week, one-offs in the first week with room from their arrival on) as an
 * independent check that the flow respects every week's capacity.
 * <p>
 * Moving recurring matches to the end is what an optimum with no clock may do; it is not what a
 * service would want (a recurring request matched in week 12 has waited eleven weeks). It makes
 * this the best any strategy could do on the replay's terms, a bound, not a plan to follow.
 */
final class OfflineOptimum {

    /** Arc costs stay below this many integer units (JGraphT refuses 10⁹ and more). */
    private static final double UNITS_FOR_M = 9e8;

    private OfflineOptimum() {}

    /** A pair that may be matched: request index, helper index, distance (≥ 0). */
    record Pair(int request, int helper, double distance) {}

    /**
     * The optimum.
     *
     * @param helperOfRequest per request the helper index, or −1
     * @param weekOfRequest   per request the week of its match (by the schedule that checks the flow), or −1
     * @param matched         how many requests are matched
     * @param distance        the total distance of the matched pairs
     */
    record Result(int[] helperOfRequest, int[] weekOfRequest, int matched, double distance) {}

    /**
     * Solves the offline problem.
     *
     * @param arrival     per request, the week it arrives in (0 .. weeks − 1)
     * @param recurring   per request, whether it recurs (its match then holds capacity to the end)
     * @param weeks       the replay's number of weeks (≥ 1)
     * @param capacity    per helper, the matches they can run at once (≥ 0)
     * @param pairs       the pairs that may be matched
     * @param loadPenalty the k-th match of a helper over the whole replay (k = 1, 2, …) costs
     *                    (k − 1) · loadPenalty more; 0: least distance
     * @return the optimum
     */
    static Result solve(int[] arrival, boolean[] recurring, int weeks, int[] capacity, List<Pair> pairs, double loadPenalty) {
        Objects.requireNonNull(pairs, "pairs");
        int requests = arrival.length;
        int helpers = capacity.length;
        if (recurring.length != requests || weeks < 1 || !(loadPenalty >= 0) || Double.isInfinite(loadPenalty)) {
            throw new IllegalArgumentException("arrival and recurring differ in length, no weeks, or a bad penalty");
        }
        for (int a : arrival) {
            if (a < 0 || a >= weeks) {
                throw new IllegalArgumentException("an arrival week outside 0.." + (weeks - 1) + ": " + a);
            }
        }
        List<Pair> usable = new ArrayList<>(pairs.size());
        double[] dearest = new double[requests];
        Arrays.fill(dearest, -1);
        int[] degree = new int[helpers];
        int[] firstWeek = new int[helpers];
        Arrays.fill(firstWeek, weeks);
        for (Pair p : pairs) {
            if (p.request() < 0 || p.request() >= requests || p.helper() < 0 || p.helper() >= helpers
                    || !(p.distance() >= 0) || Double.isInfinite(p.distance())) {
                throw new IllegalArgumentException("a pair out of range or with a bad distance: " + p);
            }
            if (capacity[p.helper()] <= 0) {
                continue;
            }
            usable.add(p);
            dearest[p.request()] = Math.max(dearest[p.request()], p.distance());
            degree[p.helper()]++;
            firstWeek[p.helper()] = Math.min(firstWeek[p.helper()], weekOf(p.request(), arrival, recurring, weeks));
        }
        int[] roads = new int[helpers];
        int maxRoads = 0;
        for (int h = 0; h < helpers; h++) {
            roads[h] = (int) Math.min(degree[h], (long) capacity[h] * weeks);
            maxRoads = Math.max(maxRoads, roads[h]);
        }
        double bound = Math.max(0, maxRoads - 1) * loadPenalty;
        for (double d : dearest) {
            if (d >= 0) {
                bound += d;
            }
        }
        double scale = bound > 0 ? UNITS_FOR_M / bound : 1.0;
        long penaltyUnits = Math.round(loadPenalty * scale);
        long unmatchedUnits = 1 + Math.max(0, maxRoads - 1) * penaltyUnits;
        long[] pairUnits = new long[usable.size()];
        long[] dearestUnits = new long[requests];
        for (int i = 0; i < usable.size(); i++) {
            pairUnits[i] = Math.round(usable.get(i).distance() * scale);
            dearestUnits[usable.get(i).request()] = Math.max(dearestUnits[usable.get(i).request()], pairUnits[i]);
        }
        for (long d : dearestUnits) {
            unmatchedUnits += d;
        }
        if (unmatchedUnits >= CapacityScalingMinimumCostFlow.COST_INF) {
            throw new IllegalArgumentException("too many requests for integer costs: " + requests);
        }

        // Vertices: 0 = sink; requests with a pair; per helper with a pair, one vertex per week from
        // the first week a pair of theirs can use, and one for the helper.
        DirectedWeightedMultigraph<Integer, Road> graph = new DirectedWeightedMultigraph<>(null, null);
        int sink = 0;
        graph.addVertex(sink);
        int next = 1;
        int[] requestVertex = new int[requests];
        int planned = 0;
        for (int r = 0; r < requests; r++) {
            if (dearest[r] >= 0) {
                requestVertex[r] = next;
                graph.addVertex(next++);
                planned++;
            }
        }
        int firstHelperVertex = next;
        int[] helperVertex = new int[helpers];
        int[] weekVertex = new int[helpers]; // vertex of (h, firstWeek[h]); week t is weekVertex[h] + t - firstWeek[h]
        for (int h = 0; h < helpers; h++) {
            if (degree[h] == 0) {
                continue;
            }
            helperVertex[h] = next;
            graph.addVertex(next++);
            weekVertex[h] = next;
            for (int t = firstWeek[h]; t < weeks; t++) {
                graph.addVertex(next++);
            }
        }
        Road[] pairRoads = new Road[usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            Pair p = usable.get(i);
            int week = weekOf(p.request(), arrival, recurring, weeks);
            pairRoads[i] = road(graph, requestVertex[p.request()], weekVertex[p.helper()] + week - firstWeek[p.helper()], pairUnits[i], 1);
        }
        for (int r = 0; r < requests; r++) {
            if (dearest[r] >= 0) {
                road(graph, requestVertex[r], sink, unmatchedUnits, 1);
            }
        }
        for (int h = 0; h < helpers; h++) {
            if (degree[h] == 0) {
                continue;
            }
            for (int t = firstWeek[h]; t < weeks; t++) {
                int v = weekVertex[h] + t - firstWeek[h];
                if (t + 1 < weeks) {
                    road(graph, v, v + 1, 0, degree[h]);
                }
                road(graph, v, helperVertex[h], 0, capacity[h]);
            }
            if (penaltyUnits == 0) {
                road(graph, helperVertex[h], sink, 0, roads[h]);
            } else {
                for (int k = 0; k < roads[h]; k++) {
                    road(graph, helperVertex[h], sink, k * penaltyUnits, 1);
                }
            }
        }
        int supplyOfSink = -planned;
        MinimumCostFlowProblem<Integer, Road> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
                graph, v -> v == sink ? supplyOfSink : v < firstHelperVertex ? 1 : 0, road -> road.room);
        MinimumCostFlow<Road> flow = new CapacityScalingMinimumCostFlow<Integer, Road>(1).getMinimumCostFlow(problem);

        int[] helperOfRequest = new int[requests];
        Arrays.fill(helperOfRequest, -1);
        int matched = 0;
        double distance = 0;
        List<List<Integer>> taken = new ArrayList<>();
        for (int h = 0; h < helpers; h++) {
            taken.add(new ArrayList<>());
        }
        for (int i = 0; i < usable.size(); i++) {
            if (flow.getFlow(pairRoads[i]) > 0.5) {
                Pair p = usable.get(i);
                helperOfRequest[p.request()] = p.helper();
                taken.get(p.helper()).add(p.request());
                matched++;
                distance += p.distance();
            }
        }
        int[] weekOfRequest = schedule(taken, arrival, recurring, weeks, capacity, requests);
        return new Result(helperOfRequest, weekOfRequest, matched, distance);
    }

    /** The week a request's pair enters its helper's weeks: its arrival, or the last week when it recurs. */
    private static int weekOf(int request, int[] arrival, boolean[] recurring, int weeks) {
        return recurring[request] ? weeks - 1 : arrival[request];
    }

    /**
     * Puts each helper's matches in weeks: recurring ones in the last week, one-offs by arrival in the
     * first week from their arrival with a free place; fails when a helper's matches do not fit (the
     * flow would then have broken a week's capacity). Taking one-offs by arrival, each in the earliest
     * week with room, fits them whenever any schedule does, as all may wait to the same last week.
     */
    private static int[] schedule(List<List<Integer>> taken, int[] arrival, boolean[] recurring, int weeks, int[] capacity,
                                  int requests) {
        int[] weekOfRequest = new int[requests];
        Arrays.fill(weekOfRequest, -1);
        for (int h = 0; h < taken.size(); h++) {
            int[] used = new int[weeks];
            List<Integer> oneOffs = new ArrayList<>();
            for (int r : taken.get(h)) {
                if (recurring[r]) {
                    used[weeks - 1]++;
                    weekOfRequest[r] = weeks - 1;
                } else {
                    oneOffs.add(r);
                }
            }
            oneOffs.sort((a, b) -> Integer.compare(arrival[a], arrival[b]));
            int week = 0;
            for (int r : oneOffs) {
                week = Math.max(week, arrival[r]);
                while (week < weeks && used[week] >= capacity[h]) {
                    week++;
                }
                if (week == weeks) {
                    throw new IllegalStateException("helper " + h + ": the optimum's matches do not fit the weeks");
                }
                used[week]++;
                weekOfRequest[r] = week;
            }
            if (used[weeks - 1] > capacity[h]) {
                throw new IllegalStateException("helper " + h + ": more recurring matches than capacity");
            }
        }
        return weekOfRequest;
    }

    private static Road road(DirectedWeightedMultigraph<Integer, Road> graph, int from, int to, long units, int room) {
        Road road = new Road(room);
        graph.addEdge(from, to, road);
        graph.setEdgeWeight(road, units);
        return road;
    }

    /** An arc: its weight is its cost in integer units, {@code room} its capacity. */
    private static final class Road extends DefaultWeightedEdge {
        private static final long serialVersionUID = 1L;
        private final int room;

        Road(int room) {
            this.room = room;
        }
    }
}
