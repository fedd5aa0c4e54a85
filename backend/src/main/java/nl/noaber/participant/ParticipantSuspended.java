package nl.noaber.participant;

/**
 * A makelaar or coordinator suspended a participant. Published inside that transaction, so that what
 * hangs on them (their proposed and running matches, in the match feature) ends with it or not at all.
 */
public record ParticipantSuspended(long participantId, long byAccountId) {}
