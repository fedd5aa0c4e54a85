package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.locationtech.jts.geom.Point;

/** A person who asks or offers help, as stored; the home place is exact. */
public record Participant(
        long id,
        @Nullable Long accountId,
        String displayName,
        @Nullable Point homePlace,
        @Nullable String homePrecision,
        @Nullable String homePostcode,
        @Nullable String homeHouseNumber,
        @Nullable Long neighbourhoodId,
        List<String> skills,
        List<String> languages,
        List<String> availability,
        int travelRadiusMetres,
        @Nullable String phone,
        List<String> contactChannels,
        String preferredLanguage,
        Instant createdAt,
        Instant updatedAt,
        int capacity) {}
