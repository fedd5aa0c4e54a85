package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The lane's history moments (bigint[] in PostgreSQL's text form) are counted within a window without parsing into objects. */
class HistoryMomentsTest {
    @Test
    void countsTheMomentsAfterTheWindowStarts() {
        assertThat(CandidateRepository.countAfter("{}", 0)).isZero();
        assertThat(CandidateRepository.countAfter("{1790000000}", 1789999999)).isEqualTo(1);
        assertThat(CandidateRepository.countAfter("{1790000000}", 1790000000)).as("the start itself is outside").isZero();
        assertThat(CandidateRepository.countAfter("{5,10,15,20}", 9)).isEqualTo(3);
        assertThat(CandidateRepository.countAfter("{-20,-5,3}", -10)).isEqualTo(2);
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
