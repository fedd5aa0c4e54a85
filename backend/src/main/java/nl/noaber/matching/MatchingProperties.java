package nl.noaber.matching;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * How the matching service weighs a helper for a request ({@code noaber.matching.*}). Each weight
 * is the most points its factor can give; a candidate's score is its points over the sum of the
 * weights, 0–100. The defaults are documented in README.md and docs/matching.md.
 *
 * @param distanceWeight      points for being near: full at the door, halving every {@code distanceHalfLifeMetres}
 * @param distanceHalfLifeMetres the distance at which the distance points halve (decay, not linear)
 * @param fitWeight           points for fitting the category: all for an open offer in it, {@code skillFit} of them for the skill in the profile
 * @param skillFit            the share of the fit points a profile skill earns (an open offer earns all)
 * @param availabilityWeight  points for being free at the asked times: the share of the request's occasions the helper is free
 *                            for (a one-off window, or a recurrence on any day, is one occasion; a recurrence on given days
 *                            one per day; {@link DayParts#occasions})
 * @param languageWeight      points for a shared language
 * @param historyWeight       points for earlier completed matches between the two; full at {@code historyFull}
 * @param historyFull         completed matches together that earn all history points
 * @param fairnessWeight      points for spare capacity and a light recent load: all with no running matches and none completed within {@code fairnessMemory}; none at capacity (then excluded)
 * @param fairnessMemory      how far back completed matches count towards a helper's load (fairness, and the plan's load penalty), so the same well-placed helpers do not come first week after week; at most 400 days
 * @param reliabilityWeight   points for no recent declines (of proposals for a time the helper said they are free) or cancellations
 * @param reliabilityWindow   how far back declines and cancellations count; at most 400 days
 * @param unknownShare        the share of a factor's points when the facts are not known (no availability or languages given): neutral, so an empty profile is neither favoured nor punished
 * @param candidatePool       how many helpers (with the skill or an open offer in the category), nearest first, the database hands to the scorer
 * @param planCandidatePool   the same for each request of the city-wide plan, whose costs are mostly distance
 * @param searchRadiusMetres  the largest distance from the request at which helpers are considered (each helper's own travel radius also applies)
 * @param planLoadPenaltyMetres in the city-wide plan: extra cost, in metres of travel, for each match a helper already carries (running or completed within {@code fairnessMemory}) and each further match the plan gives them (spreads the work)
 * @param planMetresPerPoint  in the city-wide plan: how many metres of travel one score point of fit, availability, language, history and reliability is worth
 */
@ConfigurationProperties("noaber.matching")
public record MatchingProperties(
        @Bindable(defaultValue = "35") @Min(0) @Max(1000) double distanceWeight,
        @Bindable(defaultValue = "1500") @Positive double distanceHalfLifeMetres,
        @Bindable(defaultValue = "20") @Min(0) @Max(1000) double fitWeight,
        @Bindable(defaultValue = "0.8") @Min(0) @Max(1) double skillFit,
        @Bindable(defaultValue = "15") @Min(0) @Max(1000) double availabilityWeight,
        @Bindable(defaultValue = "10") @Min(0) @Max(1000) double languageWeight,
        @Bindable(defaultValue = "10") @Min(0) @Max(1000) double historyWeight,
        @Bindable(defaultValue = "2") @Min(1) int historyFull,
        @Bindable(defaultValue = "15") @Min(0) @Max(1000) double fairnessWeight,
        @Bindable(defaultValue = "90d") Duration fairnessMemory,
        @Bindable(defaultValue = "10") @Min(0) @Max(1000) double reliabilityWeight,
        @Bindable(defaultValue = "90d") Duration reliabilityWindow,
        @Bindable(defaultValue = "0.5") @Min(0) @Max(1) double unknownShare,
        @Bindable(defaultValue = "200") @Min(10) @Max(5000) int candidatePool,
        @Bindable(defaultValue = "100") @Min(10) @Max(5000) int planCandidatePool,
        @Bindable(defaultValue = "10000") @Min(100) @Max(50000) int searchRadiusMetres,
        @Bindable(defaultValue = "375") @Min(0) @Max(100000) double planLoadPenaltyMetres,
        @Bindable(defaultValue = "10") @Min(0) @Max(10000) double planMetresPerPoint) {

    /** How far back the helper lanes keep a helper's history (V9): the longest window matching may count over. */
    public static final Duration HISTORY_KEPT = Duration.ofDays(400);

    public MatchingProperties {
        if (fairnessMemory.compareTo(HISTORY_KEPT) > 0 || reliabilityWindow.compareTo(HISTORY_KEPT) > 0) {
            throw new IllegalArgumentException("noaber.matching.fairness-memory and noaber.matching.reliability-window "
                    + "are at most 400 days: the helper lanes keep 400 days of a helper's history");
        }
    }

    /** The defaults, for unit tests and tools that run without configuration. */
    public static MatchingProperties defaults() {
        return new MatchingProperties(35, 1500, 20, 0.8, 15, 10, 10, 2, 15, Duration.ofDays(90), 10, Duration.ofDays(90), 0.5,
                200, 100, 10000, 375, 10);
    }
}
