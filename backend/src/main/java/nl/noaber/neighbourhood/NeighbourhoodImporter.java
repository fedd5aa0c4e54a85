package nl.noaber.neighbourhood;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.noaber.db.RetryOnDeadlock;
import nl.noaber.web.ApiException;
import nl.noaber.web.PlainText;
import nl.noaber.web.Problem;

/**
 * Imports neighbourhood polygons from a GeoJSON FeatureCollection (for example CBS's wijk map).
 * All features or none: a broken feature rolls the whole import back. An import that meets another
 * writer of the same rows in a deadlock runs again as a whole ({@link RetryOnDeadlock}).
 */
@Singleton
public class NeighbourhoodImporter {
    private static final List<String> CODE_PROPERTIES = List.of("statcode", "code", "wijkcode", "id");
    private static final List<String> NAME_PROPERTIES = List.of("statnaam", "name", "naam", "wijknaam");
    private static final Set<String> AREAL = Set.of("Polygon", "MultiPolygon");

    private final JsonMapper json;
    private final NeighbourhoodRepository repository;

    public NeighbourhoodImporter(JsonMapper json, NeighbourhoodRepository repository) {
        this.json = json;
        this.repository = repository;
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Result(String municipalityCode, int imported) {}

    @RetryOnDeadlock
    @Transactional
    public Result importGeoJson(String municipalityCode, String municipalityName, String geoJson) {
        JsonNode root;
        try {
            root = json.readValue(geoJson, JsonNode.class);
        } catch (IOException e) {
            throw ApiException.invalid("body", "GeoJson", "not readable as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(text(root, "type"))) {
            throw ApiException.invalid("type", "FeatureCollection", "a GeoJSON FeatureCollection is expected");
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray() || features.size() == 0) {
            throw ApiException.invalid("features", "NotEmpty", "the collection has no features");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        record Feature(String field, String code, String name, String geometry) {}
        List<Feature> parsed = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode props = feature == null ? null : feature.get("properties");
            String code = first(props, CODE_PROPERTIES);
            if (code == null && feature != null) {
                code = text(feature, "id");
            }
            String name = first(props, NAME_PROPERTIES);
            JsonNode geometry = feature == null ? null : feature.get("geometry");
            String field = "features[" + i + "]";
            if (code == null || code.isBlank()) {
                errors.add(new Problem.FieldError(field + ".properties.statcode", "NotBlank", "every feature needs a code, as text"));
            } else if (code.length() > 32 || !PlainText.Validator.plain(code)) {
                errors.add(new Problem.FieldError(field + ".properties.statcode", "Pattern",
                        "a code of at most 32 characters, without control characters"));
            }
            if (name == null || name.isBlank()) {
                errors.add(new Problem.FieldError(field + ".properties.statnaam", "NotBlank", "every feature needs a name, as text"));
            } else if (name.length() > 120 || !PlainText.Validator.plain(name)) {
                errors.add(new Problem.FieldError(field + ".properties.statnaam", "PlainText",
                        "a name of at most 120 characters, without control characters"));
            }
            String type = geometry == null ? null : text(geometry, "type");
            if (type == null || !AREAL.contains(type)) {
                errors.add(new Problem.FieldError(field + ".geometry", "Polygon", "a Polygon or MultiPolygon is expected"));
                continue;
            }
            try {
                parsed.add(new Feature(field, code, name, json.writeValueAsString(geometry)));
            } catch (IOException e) {
                errors.add(new Problem.FieldError(field + ".geometry", "GeoJson", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.invalid(errors));
        }
        long municipalityId = repository.upsertMunicipality(municipalityCode, municipalityName);
        for (Feature f : parsed) {
            boolean written;
            try {
                written = repository.upsertNeighbourhood(municipalityId, f.code().trim(), f.name().trim(), f.geometry());
            } catch (RuntimeException e) {
                if (RetryOnDeadlock.Deadlock.is(e)) {
                    throw e; // not the geometry's fault: the whole import runs again
                }
                throw ApiException.invalid(f.field() + ".geometry", "GeoJson", "feature " + f.code() + ": unusable geometry");
            }
            if (!written) {
                throw ApiException.invalid(f.field() + ".geometry", "GeoJson", "feature " + f.code() + ": the geometry encloses no area");
            }
        }
        repository.reassignPlaces(municipalityId);
        return new Result(municipalityCode, parsed.size());
    }

    private static String first(JsonNode props, List<String> names) {
        if (props == null || !props.isObject()) {
            return null;
        }
        for (String name : names) {
            String value = text(props, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A property's text; absent, null or not a single value (an object or a list) is no text. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value == null || value.isNull() || value.isContainerNode() ? null : value.coerceStringValue();
    }
}
