package nl.noaber.match;

/**
 * Why the service itself ended a match (V16 {@code match.end_cause}), beside the words shown: a party's
 * own decline, withdrawal or cancellation has none, whatever words they typed.
 */
public enum EndCause {
    /** One party blocked the other: costs neither anything in reliability. */
    BLOCKED,
    /** Another proposal for the same one-off request was accepted. */
    MATCHED_ELSEWHERE,
    /** The request or the offer used was withdrawn or closed. */
    LISTING_ENDED,
    /** The request's category, place or time, or the offer's category, changed. */
    LISTING_CHANGED,
    /** A party was erased. */
    LEFT,
    /** A party was suspended or their account disabled. */
    NOT_TAKING_PART
}
