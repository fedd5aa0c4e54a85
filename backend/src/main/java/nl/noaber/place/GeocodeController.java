package nl.noaber.place;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.noaber.geo.GeocodedPlace;
import nl.noaber.geo.Geocoder;
import nl.noaber.geo.HouseNumber;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.Postcode;
import nl.noaber.neighbourhood.Neighbourhood;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import nl.noaber.web.ApiException;

@Controller("/api/geocode")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Places")
public class GeocodeController {
    private final Geocoder geocoder;
    private final NeighbourhoodRepository neighbourhoods;

    public GeocodeController(Geocoder geocoder, NeighbourhoodRepository neighbourhoods) {
        this.geocoder = geocoder;
        this.neighbourhoods = neighbourhoods;
    }

    @Serdeable
    public record GeocodeResponse(
            LatLon place,
            GeocodedPlace.Precision precision,
            String postcode,
            String placeName,
            @Nullable Neighbourhood neighbourhood,
            String noteNl,
            String noteEn) {}

    @Get("{?postcode,houseNumber}")
    @Operation(summary = "Find a place from a postcode and house number",
            description = "Falls back to the centre of the four-digit postcode area and says so in `precision` and the notes.")
    public GeocodeResponse geocode(@Nullable @QueryValue String postcode, @Nullable @QueryValue String houseNumber) {
        Postcode pc = Postcode.parse("postcode", postcode);
        HouseNumber number = HouseNumber.parse("houseNumber", houseNumber);
        GeocodedPlace found = geocoder.locate(pc, number)
                .orElseThrow(() -> ApiException.unprocessable("postcode", "unknown-postcode",
                        "postcode area " + pc.pc4() + " is not known"));
        return new GeocodeResponse(LatLon.of(found.place()), found.precision(), found.postcode(), found.placeName(),
                neighbourhoods.containing(found.place()).orElse(null), found.noteNl(), found.noteEn());
    }
}
