package nl.noaber.listing;

/** OPEN listings are browsable; MATCHED has an accepted match; CLOSED is done; WITHDRAWN was taken back by its owner. */
public enum Status { OPEN, MATCHED, CLOSED, WITHDRAWN }
