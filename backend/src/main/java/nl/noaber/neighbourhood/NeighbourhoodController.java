package nl.noaber.neighbourhood;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import nl.noaber.account.Role;
import nl.noaber.web.ApiException;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Neighbourhoods")
public class NeighbourhoodController {
    private final NeighbourhoodRepository repository;
    private final NeighbourhoodImporter importer;

    public NeighbourhoodController(NeighbourhoodRepository repository, NeighbourhoodImporter importer) {
        this.repository = repository;
        this.importer = importer;
    }

    @Get("/municipalities")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<Municipality> municipalities() {
        return repository.municipalities();
    }

    @Get("/neighbourhoods{?municipality}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Neighbourhoods, optionally of one municipality (CBS code, e.g. GM0392)")
    public List<Neighbourhood> neighbourhoods(@Nullable @QueryValue
            @Pattern(regexp = "^[A-Z0-9]{2,16}$", message = "a CBS code such as GM0392") String municipality) {
        return repository.all(municipality);
    }

    /**
     * Replaces a municipality's neighbourhoods from a GeoJSON FeatureCollection (CBS wijk map:
     * properties {@code statcode} and {@code statnaam}). Participants and listings are placed again.
     */
    @Put(uri = "/municipalities/{code}/neighbourhoods{?name}", consumes = {MediaType.APPLICATION_JSON, "application/geo+json"})
    @Consumes({MediaType.APPLICATION_JSON, "application/geo+json"})
    @Secured(Role.Names.COORDINATOR)
    @Operation(summary = "Import a municipality's neighbourhoods from GeoJSON (coordinators)")
    public NeighbourhoodImporter.Result importNeighbourhoods(
            @PathVariable @Pattern(regexp = "^[A-Z0-9]{2,16}$", message = "a CBS code such as GM0392") String code,
            @Nullable @QueryValue String name,
            @Body String geoJson) {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw ApiException.invalid("name", "NotBlank", "the municipality's name (1 to 80 characters) is needed, as ?name=Haarlem");
        }
        if (!nl.noaber.web.PlainText.Validator.plain(name)) {
            throw ApiException.invalid("name", "PlainText", "no control characters in the municipality's name");
        }
        if (geoJson == null || geoJson.isBlank()) {
            throw ApiException.invalid("body", "NotBlank", "a GeoJSON FeatureCollection is expected");
        }
        return importer.importGeoJson(code, name.trim(), geoJson);
    }
}
