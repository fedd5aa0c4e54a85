package nl.noaber.category;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A kind of help. {@code beyondNeighbourlyHelp} marks requests a makelaar refers outward
 * (regular housekeeping, seed 001) rather than matching with a neighbour.
 */
@Serdeable
public record Category(String code, String labelNl, String labelEn, boolean beyondNeighbourlyHelp) {}
