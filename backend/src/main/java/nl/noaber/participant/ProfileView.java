package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import nl.noaber.geo.LatLon;
import nl.noaber.neighbourhood.Neighbourhood;

/** A participant's own profile, exact home included: only ever shown to its owner. */
@Serdeable
public record ProfileView(
        long id,
        String displayName,
        @Nullable String email,
        @Nullable Home home,
        @Nullable Neighbourhood neighbourhood,
        List<String> skills,
        List<String> languages,
        List<String> availability,
        int travelRadiusMetres,
        @Nullable String phone,
        List<String> contactChannels,
        String preferredLanguage,
        Instant createdAt,
        Instant updatedAt,
        int capacity) {

    @Serdeable
    public record Home(LatLon place, String precision, @Nullable String postcode, @Nullable String houseNumber) {}
}
