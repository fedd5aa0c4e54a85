package nl.noaber.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import nl.noaber.listing.Schedule;
import org.junit.jupiter.api.Test;

/** Each factor moves the ranking the way it should, and every score explains itself. */
class ScorerTest {
    final Scorer scorer = new Scorer(MatchingProperties.defaults());
    final Scorer.Ask ask = new Scorer.Ask("Boodschappen", "Shopping", Set.of("TUE_MORNING", "THU_MORNING"),
            List.of(Set.of("TUE_MORNING"), Set.of("THU_MORNING")), Set.of("nl", "ar"));  // weekly on Tuesday and Thursday morning

    /** An ordinary helper: 500 m away, the skill, free on both mornings, Dutch, no history, no load. */
    Scorer.Facts base() {
        return new Scorer.Facts(500, Scorer.Fit.SKILL, Set.of("TUE_MORNING", "THU_MORNING"), Set.of("nl"), 0, 0, 0, 0, 3, 0, 0);
    }

    double score(Scorer.Facts f) {
        return scorer.forRequest(ask, f).score();
    }

    /** The base helper free at these day-parts. */
    Scorer.Facts base(Set<String> free) {
        Scorer.Facts b = base();
        return new Scorer.Facts(b.distanceMetres(), b.fit(), free, b.languages(), 0, 0, 0, 0, 3, 0, 0);
    }

    double score(Scorer.Ask asks, Scorer.Facts f) {
        return scorer.forRequest(asks, f).score();
    }

    Scorer.Facts with(Scorer.Facts f, double distance) {
        return new Scorer.Facts(distance, f.fit(), f.dayParts(), f.languages(), f.completedTogether(), f.running(), f.awaiting(), f.recentCompleted(), f.capacity(),
                f.recentDeclines(), f.recentCancellations());
    }

    @Test
    void nearerRanksHigherAndDistanceDecaysRatherThanFallingLinearly() {
        assertThat(score(with(base(), 200))).isGreaterThan(score(with(base(), 500)));
        assertThat(score(with(base(), 500))).isGreaterThan(score(with(base(), 3000)));
        // Halving every 1500 m: the first kilometre costs more points than the fifth.
        double p0 = scorer.distance(0).points();
        double p1500 = scorer.distance(1500).points();
        double p3000 = scorer.distance(3000).points();
        assertThat(p0).isEqualTo(35.0);
        assertThat(p1500).isCloseTo(17.5, within(0.01));
        assertThat(p3000).isCloseTo(8.75, within(0.01));
        assertThat(scorer.distance(1000).points() - scorer.distance(2000).points())
                .isGreaterThan(scorer.distance(4000).points() - scorer.distance(5000).points());
    }

    @Test
    void anOpenOfferInTheCategoryFitsBetterThanTheSkillAlone() {
        Scorer.Facts offer = new Scorer.Facts(500, Scorer.Fit.OFFER, base().dayParts(), base().languages(), 0, 0, 0, 0, 3, 0, 0);
        assertThat(score(offer)).isGreaterThan(score(base()));
        // ... but not enough to beat someone next door with the skill when the offer is across town.
        assertThat(score(with(base(), 100))).isGreaterThan(score(with(offer, 4000)));
    }

    @Test
    void beingFreeAtTheAskedTimesCounts() {
        Scorer.Facts both = base();
        Scorer.Facts one = new Scorer.Facts(500, Scorer.Fit.SKILL, Set.of("TUE_MORNING", "SAT_EVENING"), Set.of("nl"), 0, 0, 0, 0, 3, 0, 0);
        Scorer.Facts none = new Scorer.Facts(500, Scorer.Fit.SKILL, Set.of("SAT_EVENING"), Set.of("nl"), 0, 0, 0, 0, 3, 0, 0);
        Scorer.Facts unknown = new Scorer.Facts(500, Scorer.Fit.SKILL, Set.of(), Set.of("nl"), 0, 0, 0, 0, 3, 0, 0);
        assertThat(score(both)).isGreaterThan(score(one));
        assertThat(score(one)).isGreaterThanOrEqualTo(score(unknown));
        assertThat(score(unknown)).isGreaterThan(score(none));
        assertThat(scorer.forRequest(ask, one).explanationEn()).contains("free on Tuesday morning (1 of 2 days asked)");
        assertThat(scorer.forRequest(ask, none).explanationNl()).contains("niet vrij op de gevraagde tijden");
        assertThat(scorer.forRequest(ask, unknown).explanationEn()).contains("availability not given");
    }

    @Test
    void aSharedLanguageCountsAndAnUnknownOneIsNeutral() {
        Scorer.Facts arabic = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), Set.of("ar"), 0, 0, 0, 0, 3, 0, 0);
        Scorer.Facts polish = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), Set.of("pl"), 0, 0, 0, 0, 3, 0, 0);
        Scorer.Facts unknown = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), Set.of(), 0, 0, 0, 0, 3, 0, 0);
        assertThat(score(arabic)).isGreaterThan(score(unknown));
        assertThat(score(unknown)).isGreaterThan(score(polish));
        assertThat(scorer.forRequest(ask, arabic).explanationNl()).contains("spreekt Arabisch");
        assertThat(scorer.forRequest(ask, arabic).explanationEn()).contains("speaks Arabic");
    }

    @Test
    void aLanguageIsNamedAlsoWhenTheCityListDoesNotHaveIt() {
        // The city's own list first, then the JDK's locale data, then, for a code nobody knows, the code.
        assertThat(Languages.name("ber", true)).isEqualTo("Berbers");
        assertThat(Languages.name("kab", true)).isEqualTo("Kabylisch");
        assertThat(Languages.name("kab", false)).isEqualTo("Kabyle");
        assertThat(Languages.name("am", true)).isEqualTo("Amhaars");
        assertThat(Languages.name("qqq", true)).isEqualTo("qqq");
        Scorer.Ask kabyle = new Scorer.Ask(ask.categoryLabelNl(), ask.categoryLabelEn(), ask.dayParts(), ask.occasions(), Set.of("kab"));
        Scorer.Facts f = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), Set.of("kab", "nl"), 0, 0, 0, 0, 3, 0, 0);
        assertThat(scorer.forRequest(kabyle, f).explanationNl()).contains("spreekt Kabylisch");
        assertThat(scorer.forVolunteer(kabyle, f).explanationEn()).contains("the requester speaks Kabyle too");
    }

    @Test
    void earlierMatchesTogetherCountUpToAPoint() {
        Scorer.Facts once = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 1, 0, 0, 0, 3, 0, 0);
        Scorer.Facts twice = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 2, 0, 0, 0, 3, 0, 0);
        Scorer.Facts often = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 9, 0, 0, 0, 3, 0, 0);
        assertThat(score(once)).isGreaterThan(score(base()));
        assertThat(score(twice)).isGreaterThan(score(once));
        assertThat(score(often)).isEqualTo(score(twice));
        assertThat(scorer.forRequest(ask, twice).explanationEn()).contains("matched together twice before");
        assertThat(scorer.forRequest(ask, twice).explanationNl()).contains("al twee keer eerder samen een match gehad");
    }

    @Test
    void aBusyHelperSinksAndOneAtCapacityIsOut() {
        Scorer.Facts busy = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 2, 0, 0, 3, 0, 0);
        Scorer.Facts full = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 3, 0, 0, 3, 0, 0);
        Scorer.Facts none = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 0, 0, 0, 0, 0);
        assertThat(score(base())).isGreaterThan(score(busy));
        assertThat(scorer.eligible(base())).isTrue();
        assertThat(scorer.eligible(busy)).isTrue();
        assertThat(scorer.eligible(full)).isFalse();
        assertThat(scorer.eligible(none)).as("capacity 0: not helping now").isFalse();
        assertThat(scorer.forRequest(ask, busy).explanationEn()).contains("2 running matches (at most 3)");
    }

    @Test
    void proposalsWaitingForTheHelpersAnswerSinkThemButLeaveThemEligible() {
        // Accepting a waiting proposal takes a running match: two of three places are as good as spoken for.
        Scorer.Facts asked = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 2, 0, 3, 0, 0);
        Scorer.Facts busy = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 2, 0, 0, 3, 0, 0);
        Scorer.Facts spokenFor = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 1, 5, 0, 3, 0, 0);
        assertThat(score(base())).isGreaterThan(score(asked));
        assertThat(score(asked)).isEqualTo(score(busy));
        // They may still say no to the others, so they stay in the ranking, with no fairness points left.
        assertThat(scorer.eligible(spokenFor)).isTrue();
        Scorer.Component fairness = scorer.forRequest(ask, spokenFor).components().get(5);
        assertThat(fairness.points()).isZero();
        assertThat(fairness.en()).isEqualTo("1 running match (at most 3), 5 proposals waiting for an answer");
        assertThat(fairness.nl()).isEqualTo("1 lopende match (max. 3), 5 voorstellen wachten op antwoord");
        Scorer.Component one = scorer.forRequest(ask, new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(),
                base().languages(), 0, 0, 1, 1, 3, 0, 0)).components().get(5);
        assertThat(one.en()).isEqualTo("no running matches, 1 proposal waiting for an answer, helped once in the last 90 days");
        assertThat(one.nl()).isEqualTo("geen lopende matches, 1 voorstel wacht op antwoord, één keer geholpen in de afgelopen 90 dagen");
    }

    @Test
    void aHelperWhoHelpedRecentlySinksButStaysEligible() {
        Scorer.Facts once = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 0, 1, 3, 0, 0);
        Scorer.Facts often = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 0, 4, 3, 0, 0);
        assertThat(score(base())).isGreaterThan(score(once));
        assertThat(score(once)).isGreaterThan(score(often));
        assertThat(scorer.eligible(often)).as("completed matches do not take capacity").isTrue();
        // One recent match halves the fairness points; the words say why.
        Scorer.Component fairness = scorer.forRequest(ask, once).components().get(5);
        assertThat(fairness.points()).isCloseTo(fairness.maxPoints() / 2, within(0.01));
        assertThat(fairness.en()).isEqualTo("no running matches, helped once in the last 90 days");
        assertThat(fairness.nl()).isEqualTo("geen lopende matches, één keer geholpen in de afgelopen 90 dagen");
    }

    @Test
    void freeAtAskedTimeWhenTheTimesMeetOrOneSideGaveNone() {
        assertThat(Scorer.freeAtAskedTime(Set.of("TUE_MORNING"), Set.of("TUE_MORNING", "SAT_EVENING"))).isTrue();
        assertThat(Scorer.freeAtAskedTime(Set.of("TUE_MORNING"), Set.of("SAT_EVENING"))).isFalse();
        assertThat(Scorer.freeAtAskedTime(Set.of("TUE_MORNING"), Set.of())).as("helper gave no times").isTrue();
        assertThat(Scorer.freeAtAskedTime(Set.of(), Set.of("SAT_EVENING"))).as("request asks no time").isTrue();
    }

    @Test
    void theShortfallIsWhatAPairMissesOutsideDistanceAndLoad() {
        Scorer.Facts perfect = new Scorer.Facts(3000, Scorer.Fit.OFFER, ask.dayParts(), Set.of("nl"), 2, 2, 0, 5, 3, 0, 0);
        assertThat(scorer.shortfall(ask, perfect)).as("distance and load are not in it").isZero();
        // base(): a profile skill (4 of 20 fit points missed), no earlier match (all 10 history points).
        assertThat(scorer.shortfall(ask, base())).isCloseTo(4 + 10, within(1e-9));
        Scorer.Facts foreign = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), Set.of("pl"), 0, 0, 0, 0, 3, 0, 0);
        assertThat(scorer.shortfall(ask, foreign) - scorer.shortfall(ask, base())).isCloseTo(10, within(1e-9));
    }

    @Test
    void recentDeclinesAndCancellationsLowerTheScore() {
        Scorer.Facts declined = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 0, 0, 3, 1, 0);
        Scorer.Facts cancelled = new Scorer.Facts(500, Scorer.Fit.SKILL, base().dayParts(), base().languages(), 0, 0, 0, 0, 3, 0, 1);
        assertThat(score(base())).isGreaterThan(score(declined));
        assertThat(score(declined)).as("cancelling an accepted match weighs more than declining a proposal")
                .isGreaterThan(score(cancelled));
    }

    @Test
    void anEmptyProfileIsNeitherFavouredNorPunishedBeyondTheFactsItLacks() {
        // Someone who gave no availability or languages is scored neutrally on those, so a helper
        // with a thin profile next door still beats a rich profile across town.
        Scorer.Facts thin = new Scorer.Facts(200, Scorer.Fit.SKILL, Set.of(), Set.of(), 0, 0, 0, 0, 3, 0, 0);
        Scorer.Facts rich = new Scorer.Facts(3500, Scorer.Fit.SKILL, base().dayParts(), Set.of("nl", "ar"), 0, 0, 0, 0, 3, 0, 0);
        assertThat(score(thin)).isGreaterThan(score(rich));
    }

    @Test
    void theExplanationNamesEveryFactorInBothLanguagesWithItsPoints() {
        Scorer.Facts f = new Scorer.Facts(420, Scorer.Fit.OFFER, Set.of("TUE_MORNING", "THU_MORNING"), Set.of("nl"), 2, 1, 0, 0, 3, 0, 0);
        Scorer.Score s = scorer.forRequest(ask, f);
        assertThat(s.explanationEn()).startsWith("420 m away; offers ‘Shopping’; free on Tuesday morning and Thursday morning; speaks Dutch; "
                + "matched together twice before; 1 running match (at most 3); no declines or cancellations in the last 90 days");
        assertThat(s.explanationNl()).startsWith("op 420 m afstand; heeft een aanbod in ‘Boodschappen’; vrij op dinsdagochtend en "
                + "donderdagochtend; spreekt Nederlands; al twee keer eerder samen een match gehad; 1 lopende match (max. 3); "
                + "geen voorstel afgeslagen of match afgezegd in de afgelopen 90 dagen");
        Scorer.Score profile = scorer.forRequest(ask, new Scorer.Facts(1000, Scorer.Fit.SKILL, Set.of(), Set.of(), 0, 2, 0, 0, 3, 1, 0));
        assertThat(profile.explanationNl()).contains("op 1 km afstand; heeft ‘Boodschappen’ in het profiel")
                .contains("2 lopende matches (max. 3)").contains("1 voorstel afgeslagen in de afgelopen 90 dagen");
        assertThat(profile.explanationEn()).contains("1 km away; has ‘Shopping’ in their profile")
                .contains("2 running matches (at most 3)").contains("declined 1 proposal in the last 90 days");
        assertThat(s.components()).extracting(Scorer.Component::factor)
                .containsExactly("distance", "fit", "availability", "language", "history", "fairness", "reliability");
        double sum = s.components().stream().mapToDouble(Scorer.Component::points).sum();
        double max = s.components().stream().mapToDouble(Scorer.Component::maxPoints).sum();
        assertThat(s.score()).isCloseTo(100 * sum / max, within(0.06));
        assertThat(s.score()).isBetween(0.0, 100.0);
        // The volunteer's view leaves out what is the volunteer's own (load and reliability), and the
        // earlier matches with the requester, whom an open request does not name.
        assertThat(scorer.forVolunteer(ask, f).components()).extracting(Scorer.Component::factor)
                .containsExactly("distance", "fit", "availability", "language");
        // ... and speaks to the volunteer about themself and the requester.
        assertThat(scorer.forVolunteer(ask, f).explanationNl()).startsWith("op 420 m afstand; u hebt een aanbod in ‘Boodschappen’; "
                + "vrij op dinsdagochtend en donderdagochtend; de hulpvrager spreekt ook Nederlands");
        assertThat(scorer.forVolunteer(ask, f).explanationEn()).isEqualTo("420 m away; you offer ‘Shopping’; "
                + "free on Tuesday morning and Thursday morning; the requester speaks Dutch too");
    }

    @Test
    void aVolunteerIsNotToldThatARequestComesFromAnEarlierPartner() {
        Scorer.Facts stranger = base();
        Scorer.Facts partner = new Scorer.Facts(stranger.distanceMetres(), stranger.fit(), stranger.dayParts(), stranger.languages(),
                3, stranger.running(), stranger.awaiting(), stranger.recentCompleted(), stranger.capacity(),
                stranger.recentDeclines(), stranger.recentCancellations());
        // Neither the words nor the score nor the order give away that the same person asks again...
        assertThat(scorer.forVolunteer(ask, partner)).isEqualTo(scorer.forVolunteer(ask, stranger));
        assertThat(scorer.total(ask, partner, false)).isEqualTo(scorer.total(ask, stranger, false));
        // ... while the requester and the makelaar, choosing whom to invite, see and weigh it.
        assertThat(scorer.forRequest(ask, partner).score()).isGreaterThan(scorer.forRequest(ask, stranger).score());
        assertThat(scorer.forRequest(ask, partner).explanationEn()).contains("matched together 3 times before");
    }

    @Test
    void aShownDistanceChangesTheWordsButNotThePoints() {
        Scorer.Score exact = scorer.forRequest(ask, base());
        Scorer.Score shown = scorer.withShownDistance(ask, base(), 800, false);
        assertThat(shown.score()).isEqualTo(exact.score());
        assertThat(shown.components().get(0).points()).isEqualTo(exact.components().get(0).points());
        assertThat(shown.explanationEn()).startsWith("800 m away; ").doesNotContain("500 m");
    }

    @Test
    void aResidentIsScoredAtTheDistanceShownAndNotShownTheHelpersOwnRecord() {
        Scorer.Score exact = scorer.forRequest(ask, base());
        Scorer.Score shown = scorer.forResident(ask, base().at(800));
        assertThat(shown.components().get(0).points()).isLessThan(exact.components().get(0).points())
                .isEqualTo(scorer.forRequest(ask, base().at(800)).components().get(0).points());
        assertThat(shown.score()).isLessThan(exact.score());
        // Its score is over the factors shown, so the helper's own load and record cannot be read off it.
        Scorer.Facts busy = new Scorer.Facts(800, Scorer.Fit.SKILL, Set.of("TUE_MORNING", "THU_MORNING"), Set.of("nl"), 0, 2, 0, 3, 3, 2, 1);
        assertThat(scorer.forResident(ask, busy).score()).isEqualTo(shown.score())
                .isNotEqualTo(scorer.forRequest(ask, busy).score());
        assertThat(shown.explanationEn()).startsWith("800 m away; ").doesNotContain("running");
        assertThat(shown.components()).extracting(Scorer.Component::factor).doesNotContain("fairness", "reliability");
    }

    @Test
    void theScoreWithoutWordsIsTheScoreWithWords() {
        java.util.Random random = new java.util.Random(7);
        List<String> slots = List.copyOf(DayParts.all());
        for (int i = 0; i < 2000; i++) {
            Set<String> free = new java.util.HashSet<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                free.add(slots.get(random.nextInt(slots.size())));
            }
            Set<String> languages = random.nextBoolean() ? Set.of() : Set.of(random.nextBoolean() ? "nl" : "pl");
            int capacity = 1 + random.nextInt(3);
            Scorer.Facts f = new Scorer.Facts(random.nextDouble() * 8000, random.nextBoolean() ? Scorer.Fit.OFFER : Scorer.Fit.SKILL,
                    free, languages, random.nextInt(4), random.nextInt(capacity), random.nextInt(3), random.nextInt(3), capacity, random.nextInt(3), random.nextInt(2));
            assertThat(scorer.total(ask, f, true)).isEqualTo(scorer.forRequest(ask, f).score());
            assertThat(scorer.total(ask, f, false)).isEqualTo(scorer.forVolunteer(ask, f).score());
        }
    }

    @Test
    void distancesReadNaturally() {
        assertThat(Scorer.distanceText(3, false)).isEqualTo("10 m");
        assertThat(Scorer.distanceText(424, false)).isEqualTo("420 m");
        assertThat(Scorer.distanceText(1449, false)).isEqualTo("1.4 km");
        assertThat(Scorer.distanceText(1449, true)).isEqualTo("1,4 km");
        // Not "1000 m" for 996 m, nor "1,0 km" for a whole kilometre.
        assertThat(Scorer.distanceText(996, true)).isEqualTo("1 km");
        assertThat(Scorer.distanceText(994, true)).isEqualTo("990 m");
        assertThat(Scorer.distanceText(10_000, true)).isEqualTo("10 km");
        assertThat(Scorer.distanceText(2_060, true)).isEqualTo("2,1 km");
    }

    @Test
    void dayPartsOfOneOffWindowsAndRecurrences() {
        // Tuesday 24 November 2026, 10:00–11:30 in Amsterdam (09:00–10:30 UTC).
        Schedule tuesday = new Schedule(Schedule.Type.ONE_OFF, OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 24, 10, 30, 0, 0, ZoneOffset.UTC), null, null, null, null, null);
        assertThat(DayParts.of(tuesday)).containsExactly("TUE_MORNING");
        Schedule lateAfternoon = new Schedule(Schedule.Type.ONE_OFF, OffsetDateTime.of(2026, 11, 24, 16, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 24, 18, 0, 0, 0, ZoneOffset.UTC), null, null, null, null, null);
        assertThat(DayParts.of(lateAfternoon)).containsExactly("TUE_AFTERNOON", "TUE_EVENING");
        Schedule weekly = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                List.of(Schedule.Day.TUE, Schedule.Day.THU), List.of(Schedule.PartOfDay.MORNING), null, null);
        assertThat(DayParts.of(weekly)).containsExactly("TUE_MORNING", "THU_MORNING");
        Schedule monthly = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.MONTHLY,
                List.of(), List.of(Schedule.PartOfDay.EVENING), null, null);
        assertThat(DayParts.of(monthly)).hasSize(7).allMatch(s -> s.endsWith("_EVENING"));
        assertThat(DayParts.label("TUE_MORNING", true)).isEqualTo("dinsdagochtend");

        assertThat(DayParts.occasions(lateAfternoon)).containsExactly(Set.of("TUE_AFTERNOON", "TUE_EVENING"));
        assertThat(DayParts.occasions(weekly)).containsExactly(Set.of("TUE_MORNING"), Set.of("THU_MORNING"));
        assertThat(DayParts.occasions(monthly)).singleElement().satisfies(o -> assertThat(o).hasSize(7));
    }

    @Test
    void aTimeHasPassedWhenTheWindowEndedOrTheRecurrenceIsOver() {
        java.time.Instant now = java.time.Instant.parse("2026-11-24T10:00:00Z");  // 11:00 in Amsterdam
        Schedule ended = new Schedule(Schedule.Type.ONE_OFF, OffsetDateTime.of(2026, 11, 24, 8, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC), null, null, null, null, null);
        Schedule running = new Schedule(Schedule.Type.ONE_OFF, OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 24, 10, 0, 1, 0, ZoneOffset.UTC), null, null, null, null, null);
        assertThat(DayParts.passed(ended, now)).isTrue();
        assertThat(DayParts.passed(running, now)).isFalse();
        Schedule lastDayToday = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                List.of(Schedule.Day.TUE), List.of(), null, java.time.LocalDate.of(2026, 11, 24));
        Schedule lastDayYesterday = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                List.of(Schedule.Day.TUE), List.of(), null, java.time.LocalDate.of(2026, 11, 23));
        Schedule noEnd = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                List.of(Schedule.Day.TUE), List.of(), null, null);
        assertThat(DayParts.passed(lastDayToday, now)).isFalse();
        assertThat(DayParts.passed(lastDayYesterday, now)).isTrue();
        assertThat(DayParts.passed(noEnd, now)).isFalse();
    }

    @Test
    void oneFreeTimeCoversAnOccasionSoGivingAvailabilityNeverCostsPoints() {
        // Monthly on any evening; a one-off window over three days; weekly on Tuesday and Thursday.
        Schedule anyEvening = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.MONTHLY,
                List.of(), List.of(Schedule.PartOfDay.EVENING), null, null);
        Schedule threeDays = new Schedule(Schedule.Type.ONE_OFF, OffsetDateTime.of(2026, 11, 24, 8, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 26, 20, 0, 0, 0, ZoneOffset.UTC), null, null, null, null, null);
        Schedule twoDays = new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                List.of(Schedule.Day.TUE, Schedule.Day.THU), List.of(), null, null);
        Scorer.Facts unknown = base(Set.of());
        for (Schedule schedule : List.of(anyEvening, threeDays)) {
            Scorer.Ask asks = new Scorer.Ask("Boodschappen", "Shopping", DayParts.of(schedule), DayParts.occasions(schedule), Set.of("nl"));
            Scorer.Component one = scorer.forRequest(asks, base(Set.of("WED_EVENING"))).components().get(2);
            assertThat(one.points()).as("%s", schedule).isEqualTo(one.maxPoints());
            assertThat(one.en()).isEqualTo("free on Wednesday evening");
            assertThat(score(asks, base(Set.of("WED_EVENING")))).isGreaterThan(score(asks, unknown));
        }
        Scorer.Ask both = new Scorer.Ask("Hond", "Dog", DayParts.of(twoDays), DayParts.occasions(twoDays), Set.of("nl"));
        Scorer.Component half = scorer.forRequest(both, base(Set.of("TUE_MORNING", "TUE_EVENING"))).components().get(2);
        assertThat(half.points()).isEqualTo(half.maxPoints() / 2);
        assertThat(half.en()).isEqualTo("free on Tuesday morning and Tuesday evening (1 of 2 days asked)");
        assertThat(score(both, base(Set.of("TUE_MORNING", "THU_EVENING")))).isGreaterThan(score(both, base(Set.of("TUE_MORNING"))));
    }

    @Test
    void listsReadAsSentences() {
        assertThat(Scorer.words(java.util.List.of("Engels"), null, true)).isEqualTo("Engels");
        assertThat(Scorer.words(java.util.List.of("Engels", "Nederlands"), null, true)).isEqualTo("Engels en Nederlands");
        assertThat(Scorer.words(java.util.List.of("a", "b", "c"), "more", false)).isEqualTo("a, b, c and more");
        assertThat(Scorer.words(java.util.List.of("Tuesday morning"), "more", false)).isEqualTo("Tuesday morning and more");
    }
}
