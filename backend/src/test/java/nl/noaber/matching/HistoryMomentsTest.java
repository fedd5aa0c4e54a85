package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The lane's history moments (Unix seconds) are counted within a window; the windows are capped by what the lanes keep. */
class HistoryMomentsTest {
    @Test
    void countsTheMomentsAfterTheWindowStarts() {
        assertThat(CandidateRepository.countAfter(new long[] {}, 0)).isZero();
        assertThat(CandidateRepository.countAfter(new long[] {1790000000L}, 1789999999)).isEqualTo(1);
        assertThat(CandidateRepository.countAfter(new long[] {1790000000L}, 1790000000)).as("the start itself is outside").isZero();
        assertThat(CandidateRepository.countAfter(new long[] {5L, 10L, 15L, 20L}, 9)).isEqualTo(3);
    }

    @Test
    void aWindowLongerThanTheLanesKeepIsRefusedAtStartUp() {
        MatchingProperties d = MatchingProperties.defaults();
        assertThatThrownBy(() -> new MatchingProperties(d.distanceWeight(), d.distanceHalfLifeMetres(), d.fitWeight(), d.skillFit(),
                d.availabilityWeight(), d.languageWeight(), d.historyWeight(), d.historyFull(), d.fairnessWeight(),
                Duration.ofDays(401), d.reliabilityWeight(), d.reliabilityWindow(), d.unknownShare(), d.candidatePool(),
                d.planCandidatePool(), d.searchRadiusMetres(), d.planLoadPenaltyMetres(), d.planMetresPerPoint()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 400 days");
    }
}
