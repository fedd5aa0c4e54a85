package nl.noaber.neighbourhood;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record Municipality(long id, String code, String name, int neighbourhoods) {}
