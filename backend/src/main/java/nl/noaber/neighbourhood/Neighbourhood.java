package nl.noaber.neighbourhood;

import io.micronaut.serde.annotation.Serdeable;

/** A neighbourhood (wijk) as the API shows it: no polygon, just who it is. */
@Serdeable
public record Neighbourhood(long id, String code, String name, String municipalityCode) {}
