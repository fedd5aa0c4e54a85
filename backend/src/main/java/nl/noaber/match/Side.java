package nl.noaber.match;

/**
 * One side of a match. As a match's {@code channel} it says who proposed it (the requester inviting
 * a helper, a helper responding, a makelaar brokering); on an event or an end it says who acted.
 * Coordinators act as makelaars.
 */
public enum Side {
    REQUESTER,
    HELPER,
    MAKELAAR;

    /** The side that answers a proposal made through this channel. */
    Side decider() {
        return this == HELPER ? REQUESTER : HELPER;
    }
}
