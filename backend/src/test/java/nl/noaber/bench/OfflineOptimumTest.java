package nl.noaber.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.noaber.bench.OfflineOptimum.Pair;
import nl.noaber.bench.OfflineOptimum.Result;
import org.junit.jupiter.api.Test;

class OfflineOptimumTest {

    private static List<Pair> pairs(double[][] rows) {
        List<Pair> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(new Pair((int) r[0], (int) r[1], r[2]));
        }
        return out;
    }

    @Test
    void aRecurringMatchWaitsForTheLastWeekSoThatAOneOffFitsBeforeIt() {
        // One helper with room for one; a recurring request (100 m) and a one-off (50 m), both in week 0.
        Result r = OfflineOptimum.solve(new int[] {0, 0}, new boolean[] {true, false}, 2, new int[] {1},
                pairs(new double[][] {{0, 0, 100}, {1, 0, 50}}), 0);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.weekOfRequest()).containsExactly(1, 0);
        assertThat(r.distance()).isEqualTo(150);
    }

    @Test
    void aRecurringMatchHoldsItsPlaceSoTwoDoNotFitOnePlace() {
        Result r = OfflineOptimum.solve(new int[] {0, 0}, new boolean[] {true, true}, 3, new int[] {1},
                pairs(new double[][] {{0, 0, 300}, {1, 0, 200}}), 0);
        assertThat(r.matched()).isEqualTo(1);
        assertThat(r.helperOfRequest()).containsExactly(-1, 0);
    }

    @Test
    void aOneOffCanWaitForALaterWeekButNotTakeAnEarlierOne() {
        // Three one-offs arriving in week 1 of 3, one place a week: weeks 1 and 2 only.
        Result r = OfflineOptimum.solve(new int[] {1, 1, 1}, new boolean[3], 3, new int[] {1},
                pairs(new double[][] {{0, 0, 10}, {1, 0, 20}, {2, 0, 30}}), 0);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.helperOfRequest()).containsExactly(0, 0, -1);
        assertThat(r.weekOfRequest()).containsExactly(1, 2, -1);
    }

    @Test
    void matchingMoreRequestsComesBeforeDistance() {
        // A: X at 0 or Y at 10; B: only X at 10. Least distance alone gives A X and leaves B out.
        Result r = OfflineOptimum.solve(new int[] {0, 0}, new boolean[2], 1, new int[] {1, 1},
                pairs(new double[][] {{0, 0, 0}, {0, 1, 10}, {1, 0, 10}}), 0);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.helperOfRequest()).containsExactly(1, 0);
        assertThat(r.distance()).isEqualTo(20);
    }

    @Test
    void amongFullMatchingsTheLeastTotalDistance() {
        Result r = OfflineOptimum.solve(new int[] {0, 0}, new boolean[2], 1, new int[] {1, 1},
                pairs(new double[][] {{0, 0, 100}, {0, 1, 300}, {1, 0, 200}, {1, 1, 250}}), 0);
        assertThat(r.helperOfRequest()).containsExactly(0, 1);
        assertThat(r.distance()).isEqualTo(350);
    }

    @Test
    void aLoadPenaltySpreadsMatchesOverTheWholeReplay() {
        // One helper near both one-offs (weeks 0 and 1, room for one a week), another 100 m away.
        double[][] rows = {{0, 0, 10}, {0, 1, 100}, {1, 0, 10}, {1, 1, 100}};
        Result least = OfflineOptimum.solve(new int[] {0, 1}, new boolean[2], 2, new int[] {1, 1}, pairs(rows), 0);
        assertThat(least.helperOfRequest()).containsExactly(0, 0);
        Result spread = OfflineOptimum.solve(new int[] {0, 1}, new boolean[2], 2, new int[] {1, 1}, pairs(rows), 200);
        assertThat(spread.helperOfRequest()).containsExactlyInAnyOrder(0, 1);
        assertThat(spread.distance()).isEqualTo(110);
    }

    @Test
    void aHelperWithoutCapacityTakesNothing() {
        Result r = OfflineOptimum.solve(new int[] {0}, new boolean[1], 1, new int[] {0, 1},
                pairs(new double[][] {{0, 0, 1}, {0, 1, 900}}), 0);
        assertThat(r.helperOfRequest()).containsExactly(1);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> OfflineOptimum.solve(new int[] {2}, new boolean[1], 2, new int[] {1}, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arrival week");
        assertThatThrownBy(() -> OfflineOptimum.solve(new int[] {0}, new boolean[1], 1, new int[] {1},
                pairs(new double[][] {{0, 1, 5}}), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OfflineOptimum.solve(new int[] {0}, new boolean[1], 1, new int[] {1},
                pairs(new double[][] {{0, 0, -1}}), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The flow against every schedule: small random replays in which each request is unmatched or
     * matched to one of its pairs in any week from its arrival, recurring matches holding capacity to
     * the end. The flow must match as many as the best schedule, at the same least distance; this
     * checks that moving recurring matches to the last week loses nothing.
     */
    @Test
    void equalsTheBestOfAllSchedulesOnSmallReplays() {
        Random random = new Random(7);
        for (int instance = 0; instance < 150; instance++) {
            int weeks = 1 + random.nextInt(3);
            int requests = 1 + random.nextInt(5);
            int helpers = 1 + random.nextInt(3);
            int[] arrival = new int[requests];
            boolean[] recurring = new boolean[requests];
            for (int r = 0; r < requests; r++) {
                arrival[r] = random.nextInt(weeks);
                recurring[r] = random.nextInt(3) == 0;
            }
            int[] capacity = new int[helpers];
            for (int h = 0; h < helpers; h++) {
                capacity[h] = random.nextInt(3);
            }
            List<Pair> pairs = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                for (int h = 0; h < helpers; h++) {
                    if (random.nextInt(3) > 0) {
                        pairs.add(new Pair(r, h, random.nextInt(1000)));
                    }
                }
            }
            Result flow = OfflineOptimum.solve(arrival, recurring, weeks, capacity, pairs, 0);
            long[] best = bruteForce(arrival, recurring, weeks, capacity, pairs);
            assertThat(flow.matched()).as("instance %d: matched", instance).isEqualTo((int) best[0]);
            assertThat(flow.distance()).as("instance %d: distance", instance).isEqualTo((double) best[1]);
        }
    }

    /** The most matches and then the least distance over every schedule: {matched, distance}. */
    private static long[] bruteForce(int[] arrival, boolean[] recurring, int weeks, int[] capacity, List<Pair> pairs) {
        long[] best = {0, 0};
        choose(0, new int[arrival.length], new int[arrival.length], arrival, recurring, weeks, capacity, pairs, best);
        return best;
    }

    private static void choose(int r, int[] pairOf, int[] weekOf, int[] arrival, boolean[] recurring, int weeks, int[] capacity,
                               List<Pair> pairs, long[] best) {
        if (r == arrival.length) {
            int[][] load = new int[capacity.length][weeks];
            long matched = 0;
            long distance = 0;
            for (int i = 0; i < arrival.length; i++) {
                if (pairOf[i] < 0) {
                    continue;
                }
                Pair p = pairs.get(pairOf[i]);
                matched++;
                distance += (long) p.distance();
                for (int t = weekOf[i]; t < (recurring[i] ? weeks : weekOf[i] + 1); t++) {
                    if (++load[p.helper()][t] > capacity[p.helper()]) {
                        return;
                    }
                }
            }
            if (matched > best[0] || matched == best[0] && distance < best[1]) {
                best[0] = matched;
                best[1] = distance;
            }
            return;
        }
        pairOf[r] = -1;
        choose(r + 1, pairOf, weekOf, arrival, recurring, weeks, capacity, pairs, best);
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).request() != r) {
                continue;
            }
            for (int w = arrival[r]; w < weeks; w++) {
                pairOf[r] = i;
                weekOf[r] = w;
                choose(r + 1, pairOf, weekOf, arrival, recurring, weeks, capacity, pairs, best);
            }
        }
        pairOf[r] = -1;
    }
}
