package nl.noaber.notify;

/** What a notification is about; each kind can be unsubscribed from on its own. */
public enum NotificationKind {
    /** A match was proposed to you (or, brokered, for you). */
    MATCH_PROPOSED,
    /** The match was accepted: it is running. */
    MATCH_ACCEPTED,
    /** A proposal was declined. */
    MATCH_DECLINED,
    /** A proposal was withdrawn, or a running match was cancelled. */
    MATCH_CANCELLED,
    /** A running match was completed. */
    MATCH_COMPLETED,
    /** A follow-up reminder for a running match. */
    FOLLOW_UP,
    /** A reminder that a proposal has waited for your answer for a while (once per proposal). */
    PROPOSAL_REMINDER,
    /** New open requests near a volunteer that fit their skills (opt-in, at most one digest a day). */
    NEARBY_REQUESTS,
    /** A makelaar's daily digest of work for people without email. */
    MAKELAAR_DIGEST,
    /** Your open request or offer expired: its time went by without a match (post it again with a new time). */
    LISTING_EXPIRED
}
