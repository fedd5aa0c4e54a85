package nl.noaber.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer. {@code errors} names each
 * offending field and the rule it broke, so a client can put the message next to the input.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://noaber.nl/problems/";

    public static Problem of(int status, String slug, String title, @Nullable String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem invalid(List<FieldError> errors) {
        return invalid(errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-input", "Invalid input", 400, detail, errors);
    }

    /** One broken rule: {@code field} is a JSON path or parameter name, {@code rule} a stable code. */
    @Serdeable
    public record FieldError(String field, String rule, String message) {}
}
