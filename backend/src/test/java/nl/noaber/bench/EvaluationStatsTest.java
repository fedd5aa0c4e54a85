package nl.noaber.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationStatsTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(EvaluationStats.median(new double[] {5, 1, 3})).isEqualTo(3);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(EvaluationStats.median(new double[] {4, 1, 10, 2})).isEqualTo(3);
    }

    @Test
    void theMedianLeavesItsInputUnsorted() {
        double[] values = {3, 1, 2};
        EvaluationStats.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void noValuesHaveNoMedianOrMean() {
        assertThat(EvaluationStats.median(new double[0])).isNaN();
        assertThat(EvaluationStats.mean(new double[0])).isNaN();
    }

    @Test
    void theMeanIsTheSumOverTheCount() {
        assertThat(EvaluationStats.mean(new double[] {1, 2, 6})).isEqualTo(3);
    }

    @Test
    void equalSharesHaveAGiniOfZero() {
        assertThat(EvaluationStats.gini(new long[] {2, 2, 2, 2})).isZero();
        assertThat(EvaluationStats.gini(new long[] {0, 0, 0})).isZero();
        assertThat(EvaluationStats.gini(new long[0])).isZero();
    }

    @Test
    void oneOfNHavingEverythingGivesNMinusOneOverN() {
        assertThat(EvaluationStats.gini(new long[] {0, 0, 0, 7})).isCloseTo(0.75, within(1e-12));
        assertThat(EvaluationStats.gini(new long[] {9, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aKnownSmallCase() {
        // Pairs |xi - xj| over all ordered pairs of {1, 2, 3}: 8; mean difference 8/9, mean 2: 8/9/4 = 2/9.
        assertThat(EvaluationStats.gini(new long[] {3, 1, 2})).isCloseTo(2.0 / 9, within(1e-12));
    }

    @Test
    void zerosCount() {
        // Half the helpers without a match and the rest with one each: 0.5.
        assertThat(EvaluationStats.gini(new long[] {0, 1, 0, 1})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theGiniMatchesTheMeanAbsoluteDifferenceDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            long[] x = new long[1 + random.nextInt(40)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(6);
            }
            double sumDiff = 0;
            double sum = 0;
            for (long a : x) {
                sum += a;
                for (long b : x) {
                    sumDiff += Math.abs(a - b);
                }
            }
            double expected = sum == 0 ? 0 : sumDiff / (2.0 * x.length * sum);
            assertThat(EvaluationStats.gini(x)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void theGiniIgnoresOrderScaleAndReplication() {
        assertThat(EvaluationStats.gini(new long[] {5, 0, 1, 3}))
                .isCloseTo(EvaluationStats.gini(new long[] {10, 0, 2, 6, 6, 2, 0, 10}), within(1e-12));
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> EvaluationStats.gini(new long[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
