package nl.noaber.match;

/**
 * The one lifecycle of every match:
 * <pre>
 * PROPOSED -> ACTIVE     the other side accepts
 *          -> DECLINED   the other side says no
 *          -> CANCELLED  the proposer withdraws
 * ACTIVE   -> COMPLETED  either side (or a makelaar) says it is done
 *          -> CANCELLED  either side (or a makelaar) ends it, with a reason
 * </pre>
 */
public enum MatchStatus {
    PROPOSED,
    DECLINED,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    /** The two sides see each other's address and contact details only in these states. */
    boolean sharesContact() {
        return this == ACTIVE || this == COMPLETED;
    }
}
