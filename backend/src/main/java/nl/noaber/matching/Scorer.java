package nl.noaber.matching;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores a helper for a request, and explains the score. Pure and deterministic: the facts come
 * from the database (CandidateRepository), the weights from configuration (MatchingProperties).
 *
 * <p>Each factor gives between 0 and its weight in points; the score is the points over the sum of
 * the weights that apply, as 0–100. What the score never looks at: how complete, strong or
 * well-off a profile is, or whether someone is vulnerable. A helper who is themselves helped is
 * an ordinary helper (peers help peers, seed 000). Unknown facts (no availability or languages
 * given) earn a neutral share, so an empty profile is neither favoured nor punished.
 */
@Singleton
public class Scorer {
    /** How a helper fits the request's category. */
    public enum Fit { OFFER, SKILL }

    /**
     * What the request asks, as far as scoring needs it.
     *
     * @param dayParts  every day-part at which help may be given
     * @param occasions those day-parts as the occasions that each need someone ({@link DayParts#occasions})
     */
    public record Ask(String categoryLabelNl, String categoryLabelEn, Set<String> dayParts, List<Set<String>> occasions,
                      Set<String> languages) {}

    /**
     * What is known about a helper in relation to one request.
     *
     * @param distanceMetres      from the helper's home to the request's place
     * @param dayParts            the helper's availability (empty: not given)
     * @param languages           the helper's languages (empty: not given)
     * @param completedTogether   earlier completed matches between helper and requester, either way round
     * @param running             the helper's running (active) matches
     * @param awaiting            proposals waiting for an answer with them as helper (accepting one
     *                            takes a running match)
     * @param recentCompleted     the helper's matches completed within the fairness memory
     * @param capacity            how many running matches the helper is willing to carry
     * @param recentDeclines      proposals the helper declined within the reliability window
     * @param recentCancellations accepted matches the helper cancelled within the window
     */
    public record Facts(double distanceMetres, Fit fit, Set<String> dayParts, Set<String> languages,
                        int completedTogether, int running, int awaiting, int recentCompleted, int capacity,
                        int recentDeclines, int recentCancellations) {
        /** The same facts at another distance. */
        public Facts at(double metres) {
            return new Facts(metres, fit, dayParts, languages, completedTogether, running, awaiting, recentCompleted,
                    capacity, recentDeclines, recentCancellations);
        }
    }

    /** One factor of a score: its points, the most it could give, and what it means in words. */
    @Serdeable
    public record Component(String factor, double points, double maxPoints, String nl, String en) {}

    /** A score of 0–100 with its components, and the components as one sentence in each language. */
    @Serdeable
    public record Score(double score, List<Component> components, String explanationNl, String explanationEn) {}

    private final MatchingProperties weights;

    public Scorer(MatchingProperties weights) {
        this.weights = weights;
    }

    /** False when the helper is out: at or beyond their own capacity. */
    public boolean eligible(Facts f) {
        return hasRoom(f.running(), f.capacity());
    }

    /** Whether a helper with {@code running} matches has room for one more within their capacity (0: none). */
    static boolean hasRoom(int running, int capacity) {
        return capacity > 0 && running < capacity;
    }

    /**
     * The score alone, without words: what ranking many candidates needs. Equal to
     * {@code forRequest(ask, f).score()} (or {@code forVolunteer}), computed without building text.
     */
    public double total(Ask ask, Facts f, boolean helperFactors) {
        double points = points(distanceShare(f.distanceMetres()), weights.distanceWeight())
                + points(fitShare(f.fit()), weights.fitWeight())
                + points(availabilityShare(ask.occasions(), f.dayParts()), weights.availabilityWeight())
                + points(languageShare(ask.languages(), f.languages()), weights.languageWeight());
        double max = weights.distanceWeight() + weights.fitWeight() + weights.availabilityWeight()
                + weights.languageWeight();
        if (helperFactors) {
            points += points(historyShare(f.completedTogether()), weights.historyWeight());
            max += weights.historyWeight();
            points += points(fairnessShare(f.running(), f.awaiting(), f.recentCompleted(), f.capacity()), weights.fairnessWeight());
            points += points(reliabilityShare(f.recentDeclines(), f.recentCancellations()), weights.reliabilityWeight());
            max += weights.fairnessWeight() + weights.reliabilityWeight();
        }
        return outOf100(points, max);
    }

    private double distanceShare(double metres) {
        return Math.pow(0.5, Math.max(0, metres) / weights.distanceHalfLifeMetres());
    }

    private double fitShare(Fit fit) {
        return fit == Fit.OFFER ? 1 : weights.skillFit();
    }

    /**
     * The share of the request's occasions the helper is free for: free at one day-part of a one-off
     * window is enough (1), as it is for a recurrence on any day; a recurrence on Monday and Wednesday
     * is half covered by someone free on Mondays only. Not "the share of the asked day-parts": that
     * would put a helper free on Tuesday evenings at a seventh for "any evening", below someone who
     * gave no availability at all.
     */
    private double availabilityShare(List<Set<String>> occasions, Set<String> free) {
        if (free.isEmpty()) {
            return weights.unknownShare();
        }
        return occasions.isEmpty() ? 1 : (double) covered(occasions, free) / occasions.size();
    }

    /** How many of the occasions the helper is free for. */
    private static int covered(List<Set<String>> occasions, Set<String> free) {
        int covered = 0;
        for (Set<String> occasion : occasions) {
            if (overlap(occasion, free) > 0) {
                covered++;
            }
        }
        return covered;
    }

    /** How many of the asked day-parts the helper is free. */
    private static int overlap(Set<String> asked, Set<String> free) {
        int both = 0;
        for (String s : asked) {
            if (free.contains(s)) {
                both++;
            }
        }
        return both;
    }

    private double languageShare(Set<String> asked, Set<String> spoken) {
        if (asked.isEmpty() || spoken.isEmpty()) {
            return weights.unknownShare();
        }
        for (String a : asked) {
            if (spoken.contains(a)) {
                return 1;
            }
        }
        return 0;
    }

    private double historyShare(int completed) {
        return Math.min(1.0, completed / (double) weights.historyFull());
    }

    /**
     * Spare capacity (what running matches and proposals waiting for an answer leave), halved by one
     * recently completed match, a third by two, and so on.
     */
    private static double fairnessShare(int running, int awaiting, int recentCompleted, int capacity) {
        return capacity <= 0 ? 0
                : Math.max(0, 1 - (running + Math.max(0, awaiting)) / (double) capacity) / (1 + Math.max(0, recentCompleted));
    }

    /**
     * Whether a helper is free at one of the asked times, as far as anyone knows: true when the
     * request asks no particular time or the helper gave no availability. The city-wide plan takes
     * only such pairs (availability is one of its constraints); the ranking only scores it.
     */
    public static boolean freeAtAskedTime(Set<String> asked, Set<String> free) {
        return asked.isEmpty() || free.isEmpty() || overlap(asked, free) > 0;
    }

    /**
     * The points a pair misses on everything but distance and load (fit, availability, language,
     * history, reliability): 0 for a helper who offers this, is free at every asked time, shares a
     * language, has helped this person before and never declined. The city-wide plan prices a pair
     * as its distance plus this shortfall at {@code plan-metres-per-point}.
     */
    public double shortfall(Ask ask, Facts f) {
        return weights.fitWeight() - points(fitShare(f.fit()), weights.fitWeight())
                + weights.availabilityWeight() - points(availabilityShare(ask.occasions(), f.dayParts()), weights.availabilityWeight())
                + weights.languageWeight() - points(languageShare(ask.languages(), f.languages()), weights.languageWeight())
                + weights.historyWeight() - points(historyShare(f.completedTogether()), weights.historyWeight())
                + weights.reliabilityWeight() - points(reliabilityShare(f.recentDeclines(), f.recentCancellations()),
                        weights.reliabilityWeight());
    }

    private static double reliabilityShare(int declines, int cancellations) {
        return 1 / (1 + 0.5 * declines + cancellations);
    }

    /** A factor's points, rounded as its component shows them. */
    private static double points(double share, double weight) {
        return Math.round(share * weight * 100) / 100.0;
    }

    /** The helper's score for the request (the makelaar's and the requester's view). */
    public Score forRequest(Ask ask, Facts f) {
        return score(ask, f, true);
    }

    /**
     * A request's score for a volunteer (the volunteer's view): the same reasoning, without the
     * factors that are the volunteer's own (their load and reliability are the same for every request),
     * and without the earlier matches between the two. An open request does not name who asks; "you
     * helped this person twice before", or a request from an earlier partner floating up, would tell
     * the volunteer who asks for help with, say, debts, before the requester has said yes to them.
     * The requester (or a makelaar) still sees and weighs the history when choosing whom to invite.
     */
    public Score forVolunteer(Ask ask, Facts f) {
        return score(ask, f, false);
    }

    /**
     * A score explained with the distance the viewer is shown: the points stay those of the exact
     * distance (the ranking does not change), the words say the shown one.
     *
     * @param volunteer true for the volunteer's view ({@link #forVolunteer}), false for the helper ranking
     */
    public Score withShownDistance(Ask ask, Facts f, double shownMetres, boolean volunteer) {
        Score exact = volunteer ? forVolunteer(ask, f) : forRequest(ask, f);
        Component words = distance(shownMetres);
        Component d = exact.components().get(0);
        List<Component> components = new ArrayList<>(exact.components());
        components.set(0, new Component(d.factor(), d.points(), d.maxPoints(), words.nl(), words.en()));
        String nl = words.nl() + exact.explanationNl().substring(d.nl().length());
        String en = words.en() + exact.explanationEn().substring(d.en().length());
        return new Score(exact.score(), List.copyOf(components), nl, en);
    }

    private Score score(Ask ask, Facts f, boolean helperFactors) {
        List<Component> parts = new ArrayList<>(7);
        parts.add(distance(f.distanceMetres()));
        // The volunteer reads about themself and the request: "u", and the requester's language.
        boolean volunteer = !helperFactors;
        parts.add(fit(ask, f.fit(), volunteer));
        parts.add(availability(ask, f.dayParts()));
        parts.add(language(ask.languages(), f.languages(), volunteer));
        double max = weights.distanceWeight() + weights.fitWeight() + weights.availabilityWeight()
                + weights.languageWeight();
        if (helperFactors) {
            parts.add(history(f.completedTogether()));
            max += weights.historyWeight();
            parts.add(fairness(f.running(), f.awaiting(), f.recentCompleted(), f.capacity()));
            parts.add(reliability(f.recentDeclines(), f.recentCancellations()));
            max += weights.fairnessWeight() + weights.reliabilityWeight();
        }
        double points = 0;
        for (Component c : parts) {
            points += c.points();
        }
        double score = outOf100(points, max);
        return new Score(score, List.copyOf(parts), sentence(parts, true), sentence(parts, false));
    }

    /** The factors that are about the helper's own record: shown to makelaars and coordinators only. */
    static final Set<String> STAFF_ONLY = Set.of("fairness", "reliability");

    /**
     * The helper's score as a resident (the requester) sees it: scored at the distance shown to them
     * ({@code f} already {@link Facts#at moved} there), words and points alike, so that no number
     * gives away the exact distance to a helper's home; and without the helper's own load and
     * reliability, which are another resident's business and shown to staff only: not in the
     * components, and not in the score either (0–100 over the factors shown), which would otherwise
     * give their sum away. The order of the requester's ranking still weighs them, as everyone's does.
     */
    public Score forResident(Ask ask, Facts shown) {
        Score s = forRequest(ask, shown);
        List<Component> parts = s.components().stream().filter(c -> !STAFF_ONLY.contains(c.factor())).toList();
        double points = 0;
        double max = 0;
        for (Component c : parts) {
            points += c.points();
            max += c.maxPoints();
        }
        double score = outOf100(points, max);
        return new Score(score, parts, sentence(parts, true), sentence(parts, false));
    }

    /** Points out of the most they could be, as 0–100 to one decimal. */
    private static double outOf100(double points, double max) {
        return max <= 0 ? 0 : Math.round(1000 * points / max) / 10.0;
    }

    private static String sentence(List<Component> parts, boolean dutch) {
        StringBuilder out = new StringBuilder();
        for (Component c : parts) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(dutch ? c.nl() : c.en());
        }
        return out.toString();
    }

    Component distance(double metres) {
        double share = distanceShare(metres);
        String d = distanceText(metres, true);
        String e = distanceText(metres, false);
        return component("distance", share, weights.distanceWeight(), "op " + d + " afstand", e + " away");
    }

    /** A distance to the nearest 10 m, as staff are shown it. */
    static int tens(double metres) {
        return (int) (Math.round(metres / 10.0) * 10);
    }

    /** "420 m" below a kilometre (to 10 m), else "1,4 km" / "1.4 km", and "2 km" for a whole one. */
    static String distanceText(double metres, boolean dutch) {
        if (tens(metres) < 1000) {
            return Math.max(10, tens(metres)) + " m";
        }
        String km = String.format(Locale.ROOT, "%.1f", metres / 1000.0);
        if (km.endsWith(".0")) {
            km = km.substring(0, km.length() - 2);
        }
        return (dutch ? km.replace('.', ',') : km) + " km";
    }

    /** A category's name as a phrase quotes it: ‘Boodschappen doen’. */
    static String quoted(String label) {
        return "‘" + label + "’";
    }

    Component fit(Ask ask, Fit fit, boolean volunteer) {
        String nl = quoted(ask.categoryLabelNl());
        String en = quoted(ask.categoryLabelEn());
        if (fit == Fit.OFFER) {
            return component("fit", 1, weights.fitWeight(),
                    volunteer ? "u hebt een aanbod in " + nl : "heeft een aanbod in " + nl,
                    volunteer ? "you offer " + en : "offers " + en);
        }
        return component("fit", weights.skillFit(), weights.fitWeight(),
                volunteer ? nl + " staat in uw profiel" : "heeft " + nl + " in het profiel",
                volunteer ? en + " is in your profile" : "has " + en + " in their profile");
    }

    Component availability(Ask ask, Set<String> free) {
        Set<String> asked = ask.dayParts();
        if (free.isEmpty()) {
            return component("availability", weights.unknownShare(), weights.availabilityWeight(),
                    "beschikbaarheid niet opgegeven", "availability not given");
        }
        Set<String> both = new TreeSet<>(DayParts.WEEK_ORDER);
        for (String s : asked) {
            if (free.contains(s)) {
                both.add(s);
            }
        }
        if (both.isEmpty()) {
            return component("availability", 0, weights.availabilityWeight(),
                    "niet vrij op de gevraagde tijden", "not free at the times asked");
        }
        double share = availabilityShare(ask.occasions(), free);
        List<String> shown = both.stream().limit(3).toList();
        boolean more = both.size() > 3;
        String nl = "vrij op " + words(shown.stream().map(s -> DayParts.label(s, true)).toList(), more ? "meer" : null, true);
        String en = "free on " + words(shown.stream().map(s -> DayParts.label(s, false)).toList(), more ? "more" : null, false);
        int covered = covered(ask.occasions(), free);
        if (covered < ask.occasions().size()) {
            nl += " (" + covered + " van " + ask.occasions().size() + " gevraagde dagen)";
            en += " (" + covered + " of " + ask.occasions().size() + " days asked)";
        }
        return component("availability", share, weights.availabilityWeight(), nl, en);
    }

    Component language(Set<String> asked, Set<String> spoken, boolean volunteer) {
        if (asked.isEmpty() || spoken.isEmpty()) {
            return component("language", weights.unknownShare(), weights.languageWeight(),
                    "talen niet opgegeven", "languages not given");
        }
        List<String> shared = asked.stream().filter(spoken::contains).sorted().toList();
        if (shared.isEmpty()) {
            return component("language", 0, weights.languageWeight(), "geen gedeelde taal opgegeven", "no shared language given");
        }
        String nl = words(shared.stream().map(c -> Languages.name(c, true)).toList(), null, true);
        String en = words(shared.stream().map(c -> Languages.name(c, false)).toList(), null, false);
        return component("language", 1, weights.languageWeight(),
                volunteer ? "de hulpvrager spreekt ook " + nl : "spreekt " + nl,
                volunteer ? "the requester speaks " + en + " too" : "speaks " + en);
    }

    /** "a", "a en b", "a, b en c" (English: "and"), with {@code last} (if any) as the final item. */
    static String words(List<String> items, String last, boolean dutch) {
        List<String> all = new java.util.ArrayList<>(items);
        if (last != null) {
            all.add(last);
        }
        if (all.size() <= 1) {
            return String.join("", all);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + (dutch ? " en " : " and ") + all.get(all.size() - 1);
    }

    Component history(int completed) {
        double share = historyShare(completed);
        if (completed == 0) {
            return component("history", 0, weights.historyWeight(), "nog geen eerdere match samen", "no earlier matches together");
        }
        return component("history", share, weights.historyWeight(),
                "al " + times(completed, true) + " eerder samen een match gehad", "matched together " + times(completed, false) + " before");
    }

    Component fairness(int running, int awaiting, int recentCompleted, int capacity) {
        double share = fairnessShare(running, awaiting, recentCompleted, capacity);
        String nl = running == 0 ? "geen lopende matches" : running(running, capacity, true);
        String en = running == 0 ? "no running matches" : running(running, capacity, false);
        if (awaiting > 0) {
            nl += awaiting == 1 ? ", 1 voorstel wacht op antwoord" : ", " + awaiting + " voorstellen wachten op antwoord";
            en += awaiting == 1 ? ", 1 proposal waiting for an answer" : ", " + awaiting + " proposals waiting for an answer";
        }
        if (recentCompleted > 0) {
            long days = weights.fairnessMemory().toDays();
            nl += ", " + times(recentCompleted, true) + " geholpen in de afgelopen " + days + " dagen";
            en += ", helped " + times(recentCompleted, false) + " in the last " + days + " days";
        }
        return component("fairness", share, weights.fairnessWeight(), nl, en);
    }

    Component reliability(int declines, int cancellations) {
        double share = reliabilityShare(declines, cancellations);
        long days = weights.reliabilityWindow().toDays();
        if (declines == 0 && cancellations == 0) {
            return component("reliability", share, weights.reliabilityWeight(),
                    "geen voorstel afgeslagen of match afgezegd in de afgelopen " + days + " dagen",
                    "no declines or cancellations in the last " + days + " days");
        }
        List<String> nl = new ArrayList<>(2);
        List<String> en = new ArrayList<>(2);
        if (declines > 0) {
            nl.add(declines + (declines == 1 ? " voorstel afgeslagen" : " voorstellen afgeslagen"));
            en.add("declined " + declines + (declines == 1 ? " proposal" : " proposals"));
        }
        if (cancellations > 0) {
            nl.add(cancellations + (cancellations == 1 ? " match afgezegd" : " matches afgezegd"));
            en.add("cancelled " + cancellations + (cancellations == 1 ? " match" : " matches"));
        }
        return component("reliability", share, weights.reliabilityWeight(),
                String.join(" en ", nl) + " in de afgelopen " + days + " dagen",
                String.join(" and ", en) + " in the last " + days + " days");
    }

    /** "1 lopende match (max. 3)" / "1 running match (at most 3)": what a helper carries against what they chose. */
    static String running(int running, int capacity, boolean dutch) {
        if (dutch) {
            return running + (running == 1 ? " lopende match" : " lopende matches") + " (max. " + capacity + ")";
        }
        return running + (running == 1 ? " running match" : " running matches") + " (at most " + capacity + ")";
    }

    private static String times(int n, boolean dutch) {
        if (dutch) {
            return switch (n) {
                case 1 -> "één keer";
                case 2 -> "twee keer";
                case 3 -> "drie keer";
                default -> n + " keer";
            };
        }
        return switch (n) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> n + " times";
        };
    }

    private static Component component(String factor, double share, double weight, String nl, String en) {
        return new Component(factor, points(share, weight), weight, nl, en);
    }
}
