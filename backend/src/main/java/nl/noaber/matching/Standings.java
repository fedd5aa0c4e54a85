package nl.noaber.matching;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import nl.noaber.category.Category;

/**
 * Why a participant is not among the candidates for a request, in plain words (Dutch and English),
 * for the makelaar who asks "why not this neighbour?": every rule of the ranking that keeps them out,
 * in the order the rules are listed in docs/matching.md (who can help, the exclusions, the radii,
 * capacity, the candidate pool).
 */
public final class Standings {
    /** One rule that keeps a participant out: a stable code and the words. */
    @Serdeable
    public record Reason(String code, String nl, String en) {}

    private Standings() {}

    /**
     * Every rule that keeps {@code s} out of the ranking for the request; empty when none does
     * (then only the candidate pool can have left them out, which the caller knows).
     */
    static List<Reason> reasons(CandidateRepository.Standing s, CandidateRepository.RequestInfo r, Category category,
                                int searchRadiusMetres) {
        List<Reason> out = new ArrayList<>();
        if (s.participantId() == r.requesterId()) {
            out.add(new Reason("REQUESTER", "vroeg deze hulp zelf", "asked for this help themselves"));
        }
        if (s.status().equals("SUSPENDED")) {
            out.add(new Reason("SUSPENDED", "is geschorst", "is suspended"));
        } else if (!s.status().equals("ACTIVE")) {
            out.add(new Reason("INACTIVE", "staat op inactief", "is inactive"));
        }
        if (!s.accountEnabled()) {
            out.add(new Reason("ACCOUNT_DISABLED", "het account is uitgeschakeld", "their account is disabled"));
        }
        if (!s.hasHome()) {
            out.add(new Reason("NO_HOME", "geen woonadres bekend", "no home place known"));
        }
        if (!s.hasSkill() && !s.hasOffer()) {
            out.add(new Reason("NO_FIT",
                    "heeft geen aanbod in " + Scorer.quoted(category.labelNl()) + " en heeft het niet in het profiel",
                    "offers no help with " + Scorer.quoted(category.labelEn()) + " and does not have it in their profile"));
        }
        if (s.blocked()) {
            out.add(new Reason("BLOCKED", "een van beiden heeft de ander geblokkeerd", "one of the two has blocked the other"));
        }
        if (s.onRequest().contains("DECLINED")) {
            out.add(new Reason("DECLINED", "heeft deze hulpvraag al afgewezen", "already declined this request"));
        }
        if (s.onRequest().contains("REQUESTER_DECLINED")) {
            out.add(new Reason("REQUESTER_DECLINED", "de hulpvrager heeft al nee gezegd tegen deze helper",
                    "the requester already said no to this helper"));
        }
        if (s.onRequest().contains("ACTIVE")) {
            out.add(new Reason("HELPING", "helpt al bij deze hulpvraag", "already helps with this request"));
        }
        if (s.onRequest().contains("PROPOSED")) {
            out.add(new Reason("PROPOSED", "is al voorgesteld voor deze hulpvraag", "has already been proposed for this request"));
        }
        if (s.hasHome()) {
            double d = s.distanceMetres();
            if (d > s.travelRadiusMetres()) {
                out.add(new Reason("TRAVEL_RADIUS",
                        "woont op " + Scorer.distanceText(d, true) + " afstand en wil tot " + Scorer.distanceText(s.travelRadiusMetres(), true) + " reizen",
                        "lives " + Scorer.distanceText(d, false) + " away and travels up to " + Scorer.distanceText(s.travelRadiusMetres(), false)));
            }
            if (d > searchRadiusMetres) {
                out.add(new Reason("SEARCH_RADIUS",
                        "woont op " + Scorer.distanceText(d, true) + " afstand, buiten de zoekstraal van " + Scorer.distanceText(searchRadiusMetres, true),
                        "lives " + Scorer.distanceText(d, false) + " away, beyond the search radius of " + Scorer.distanceText(searchRadiusMetres, false)));
            }
        }
        if (!Scorer.hasRoom(s.running(), s.capacity())) {
            out.add(s.capacity() == 0
                    ? noCapacity()
                    : new Reason("CAPACITY", "heeft al " + Scorer.running(s.running(), s.capacity(), true),
                            "already has " + Scorer.running(s.running(), s.capacity(), false)));
        }
        return out;
    }

    /** Someone whose capacity is 0: they take on nothing now, whatever the request. */
    static Reason noCapacity() {
        return new Reason("CAPACITY", "neemt nu geen matches aan (capaciteit 0)", "takes no matches now (capacity 0)");
    }

    /** The reason when no rule keeps them out: more helpers who can help live nearer than the pool holds. */
    static Reason beyondPool(int pool) {
        return new Reason("POOL", "staat niet bij de " + pool + " dichtstbijzijnden die kunnen helpen",
                "is not among the " + pool + " nearest who can help");
    }
}
