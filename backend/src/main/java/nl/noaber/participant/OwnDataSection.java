package nl.noaber.participant;

/**
 * A part of a participant's own file for the data export (their right of access). Each feature
 * that stores personal data contributes one, so the export grows with the product.
 */
public interface OwnDataSection {
    /** The key under which the section appears in the export. */
    String name();

    /** A serialisable value with everything this feature keeps about the participant. */
    Object export(Participant participant);
}
