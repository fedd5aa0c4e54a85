package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The words of {@link PlanService#whyUnmatched} for every count; MatchingTest sees them through the plan. */
class WhyUnmatchedTest {
    final Scorer.Ask ask = new Scorer.Ask("Boodschappen doen", "Shopping", Set.of("TUE_MORNING"), List.of(Set.of("TUE_MORNING")), Set.of("nl"));

    @Test
    void eachReasonCountsInItsOwnWords() {
        assertThat(PlanService.whyUnmatched(ask, 0, 0, 0)).extracting("code", "nl", "en")
                .containsExactly("NO_CANDIDATES", "niemand binnen bereik met ‘Boodschappen doen’ in aanbod of profiel kan deze hulpvraag nu aannemen "
                                + "(ook niet wie vol zit, geblokkeerd is of al nee zei)",
                        "nobody within reach who offers ‘Shopping’ or has it in their profile can take this request now "
                                + "(not those at capacity, blocked or who said no)");
        assertThat(PlanService.whyUnmatched(ask, 3, 0, 0)).extracting("code", "en")
                .containsExactly("NOT_FREE", "3 helpers can help, but none of them is free at any requested time");
        assertThat(PlanService.whyUnmatched(ask, 3, 2, 0)).extracting("code", "nl", "en")
                .containsExactly("AWAITING_ANSWERS", "2 helpers zijn vrij, maar hebben voorstellen die op antwoord wachten en geen ruimte meer",
                        "2 helpers are free but have proposals waiting for an answer, which leave no room");
        assertThat(PlanService.whyUnmatched(ask, 3, 2, 2)).extracting("code", "en")
                .containsExactly("NO_ROOM", "2 helpers are free but all are needed for other requests in this plan");
        assertThat(PlanService.whyUnmatched(ask, 4, 3, 1)).extracting("code", "nl", "en")
                .containsExactly("NO_ROOM",
                        "1 helper is vrij, maar nodig voor een andere hulpvraag in dit plan; 2 andere hebben voorstellen die op antwoord wachten",
                        "1 helper is free but needed for another request in this plan; 2 others have proposals waiting for an answer");
        assertThat(PlanService.whyUnmatched(ask, 4, 3, 2)).extracting("en")
                .isEqualTo("2 helpers are free but all are needed for other requests in this plan; 1 other has proposals waiting for an answer");
    }
}
