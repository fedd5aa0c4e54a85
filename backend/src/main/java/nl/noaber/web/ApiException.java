package nl.noaber.web;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Map;

/** A business-rule failure that becomes a problem+json answer with its own status. */
public class ApiException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    /** Extra response headers, such as Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    public Problem problem() {
        return problem;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(problem.status());
    }

    /** 400 for one field that breaks a rule. */
    public static ApiException invalid(String field, String rule, String message) {
        return new ApiException(Problem.invalid(List.of(new Problem.FieldError(field, rule, message))));
    }

    /** 422: well-formed, but the field refers to something that does not exist or cannot be used. */
    public static ApiException unprocessable(String field, String rule, String message) {
        return new ApiException(new Problem(
                "https://noaber.nl/problems/" + rule, "Unprocessable input", 422, message,
                List.of(new Problem.FieldError(field, rule, message))));
    }

    public static ApiException notFound(String what) {
        return new ApiException(Problem.of(404, "not-found", "Not found", what + " does not exist"));
    }

    /**
     * 404 for an id a body refers to, naming the field: the thing does not exist or, which answers the
     * same so that ids tell nothing, is not the caller's to see.
     */
    public static ApiException notFound(String field, String what) {
        String message = what + " does not exist";
        return new ApiException(new Problem("https://noaber.nl/problems/not-found", "Not found", 404, message,
                List.of(new Problem.FieldError(field, "NotFound", message))));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(Problem.of(409, slug, "Conflict", detail));
    }

    /** 409 naming the field and the rule, like a 400 or 422: the state of {@code field} does not allow this. */
    public static ApiException conflict(String field, String rule, String message) {
        return new ApiException(new Problem("https://noaber.nl/problems/" + rule, "Conflict", 409, message,
                List.of(new Problem.FieldError(field, rule, message))));
    }

    public static ApiException unauthorized(String slug, String detail) {
        return new ApiException(Problem.of(401, slug, "Unauthorized", detail));
    }

    /** 401 for a session of an account that was erased meanwhile (its token may not have expired yet). */
    public static ApiException accountErased() {
        return unauthorized("account-erased", "This account was erased");
    }
}
