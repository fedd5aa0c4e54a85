package nl.noaber.listing;

/**
 * OPEN listings are browsable; MATCHED has an accepted match; CLOSED is done; WITHDRAWN was taken back by
 * its owner; EXPIRED was open when its time went by, with nothing hanging on it ({@link ListingExpiry}).
 */
public enum Status {
    OPEN, MATCHED, CLOSED, WITHDRAWN, EXPIRED;

    /**
     * Whether a request in this status, on this schedule, can take another helper: an OPEN one, or a
     * MATCHED recurring one (a second helper to take turns with the first). Ranked and proposed for alike.
     */
    public boolean takesHelpers(Schedule schedule) {
        return this == OPEN || this == MATCHED && schedule != null && schedule.type() == Schedule.Type.RECURRING;
    }
}
