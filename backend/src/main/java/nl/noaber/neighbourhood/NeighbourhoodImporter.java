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
import nl.noaber.geo.ServiceArea;
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
    /** A neighbourhood spans at most this many degrees either way (about 70 by 110 km here); a whole Dutch municipality fits. */
    static final double MAX_SPAN_DEGREES = 1.0;
    /** Points in one feature, and in one import: detailed CBS wijk maps stay far below; beyond, repairs and look-ups get slow. */
    static final int MAX_POINTS_PER_FEATURE = 100_000;
    static final int MAX_POINTS_PER_IMPORT = 250_000;

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
        long points = 0;
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
            Extent extent = new Extent();
            Problem.FieldError shape = extent.read(field + ".geometry", geometry.get("coordinates"), "Polygon".equals(type) ? 2 : 3);
            if (shape != null) {
                errors.add(shape);
                continue;
            }
            points += extent.points;
            try {
                parsed.add(new Feature(field, code, name, json.writeValueAsString(geometry)));
            } catch (IOException e) {
                errors.add(new Problem.FieldError(field + ".geometry", "GeoJson", e.getMessage()));
            }
        }
        if (errors.isEmpty() && points > MAX_POINTS_PER_IMPORT) {
            errors.add(new Problem.FieldError("features", "Size", "at most " + MAX_POINTS_PER_IMPORT
                    + " points in one import (" + points + " given): simplify the geometries"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.invalid(errors));
        }
        long municipalityId = repository.upsertMunicipality(municipalityCode, municipalityName);
        refuseCodesHeldElsewhere(municipalityId, parsed.stream().map(f -> new String[] {f.field(), f.code().trim()}).toList());
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
                refuseCodesHeldElsewhere(municipalityId, List.<String[]>of(new String[] {f.field(), f.code().trim()}));
                throw ApiException.invalid(f.field() + ".geometry", "GeoJson", "feature " + f.code() + ": the geometry encloses no area");
            }
        }
        repository.reassignPlaces(municipalityId);
        return new Result(municipalityCode, parsed.size());
    }

    /**
     * 409 when a code of the import (field and code) is another municipality's neighbourhood: CBS codes
     * are national (WK039201 is Haarlem's), and an import under the wrong municipality code took such a
     * neighbourhood over, renamed and redrawn.
     */
    private void refuseCodesHeldElsewhere(long municipalityId, List<String[]> fieldsAndCodes) {
        var held = repository.codesHeldElsewhere(municipalityId, fieldsAndCodes.stream().map(fc -> fc[1]).toList());
        if (held.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String[] fc : fieldsAndCodes) {
            String other = held.get(fc[1]);
            if (other != null) {
                errors.add(new Problem.FieldError(fc[0] + ".properties.statcode", "code-taken",
                        "neighbourhood " + fc[1] + " belongs to municipality " + other));
            }
        }
        throw new ApiException(new Problem("https://noaber.nl/problems/code-taken", "Conflict", 409,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " neighbourhoods belong to another municipality", errors));
    }

    /**
     * A geometry's coordinates as GeoJSON nests them ({@code depth} levels of arrays above the positions:
     * 2 for a Polygon, its rings; 3 for a MultiPolygon, its polygons' rings), read before PostGIS sees them: every position a longitude
     * (-180 to 180) and a latitude (-90 to 90) in the Netherlands ({@link ServiceArea#NETHERLANDS}), the whole at most
     * {@link #MAX_SPAN_DEGREES} across and of at most {@link #MAX_POINTS_PER_FEATURE} points. A polygon round the
     * world reached the database and failed there (an edge of 180 degrees); one of a million points kept it busy
     * for minutes.
     */
    private static final class Extent {
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        long points;

        Problem.FieldError read(String field, JsonNode coordinates, int depth) {
            if (!walk(coordinates, depth)) {
                return new Problem.FieldError(field, "GeoJson", depth == 2
                        ? "a Polygon's coordinates are rings of [longitude, latitude] positions"
                        : "a MultiPolygon's coordinates are polygons of rings of [longitude, latitude] positions");
            }
            if (points == 0) {
                return new Problem.FieldError(field, "GeoJson", "the geometry has no coordinates");
            }
            if (points > MAX_POINTS_PER_FEATURE) {
                return new Problem.FieldError(field, "Size", "at most " + MAX_POINTS_PER_FEATURE
                        + " points in one feature: simplify the geometry");
            }
            if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
                return new Problem.FieldError(field, "Range", "longitudes lie between -180 and 180, latitudes between -90 and 90");
            }
            if (!ServiceArea.NETHERLANDS.contains(minLat, minLon) || !ServiceArea.NETHERLANDS.contains(maxLat, maxLon)) {
                return new Problem.FieldError(field, "InTheNetherlands", "a Dutch neighbourhood lies within "
                        + ServiceArea.NETHERLANDS.describe() + "; GeoJSON gives each position as [longitude, latitude], are they swapped?");
            }
            if (maxLon - minLon > MAX_SPAN_DEGREES || maxLat - minLat > MAX_SPAN_DEGREES) {
                return new Problem.FieldError(field, "Size", "a neighbourhood spans at most " + MAX_SPAN_DEGREES
                        + " degree of longitude and of latitude; this one is larger");
            }
            return null;
        }

        /** Reads the nested arrays; false where they are not arrays of the expected depth ending in number pairs. */
        private boolean walk(JsonNode node, int depth) {
            if (node == null || !node.isArray()) {
                return false;
            }
            if (depth == 0) {
                if (node.size() < 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
                    return false;
                }
                double lon = node.get(0).getNumberValue().doubleValue();
                double lat = node.get(1).getNumberValue().doubleValue();
                minLon = Math.min(minLon, lon);
                maxLon = Math.max(maxLon, lon);
                minLat = Math.min(minLat, lat);
                maxLat = Math.max(maxLat, lat);
                points++;
                return true;
            }
            for (JsonNode child : node.values()) {
                if (points > MAX_POINTS_PER_FEATURE) {
                    return true; // read enough: the feature is refused for its size
                }
                if (!walk(child, depth - 1)) {
                    return false;
                }
            }
            return true;
        }
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
