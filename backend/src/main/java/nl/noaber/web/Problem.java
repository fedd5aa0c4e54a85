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

    /**
     * At most this many field errors are listed: a list of 10,000 wrong elements broke 10,001 rules,
     * and listing each made a refusal of a megabyte (found by fuzzing). The detail still counts them all.
     */
    public static final int MAX_LISTED_ERRORS = 50;

    public static Problem invalid(List<FieldError> errors) {
        int n = errors.size();
        String detail = n == 1 ? errors.get(0).message()
                : n > MAX_LISTED_ERRORS ? n + " fields are invalid; the first " + MAX_LISTED_ERRORS + " are listed"
                : n + " fields are invalid";
        return invalid(detail, errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        List<FieldError> listed = errors.size() > MAX_LISTED_ERRORS ? List.copyOf(errors.subList(0, MAX_LISTED_ERRORS)) : errors;
        return new Problem(TYPE_BASE + "invalid-input", "Invalid input", 400, detail, listed);
    }

    /** One broken rule: {@code field} is a JSON path or parameter name, {@code rule} a stable code. */
    @Serdeable
    public record FieldError(String field, String rule, String message) {}
}
