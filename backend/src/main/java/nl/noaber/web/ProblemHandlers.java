package nl.noaber.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.context.annotation.Primary;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every error the API gives is application/problem+json; none carries a stack trace. */
public final class ProblemHandlers {
    private ProblemHandlers() {}

    static MutableHttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(problem)
                .contentType(MediaType.of(Problem.MEDIA_TYPE));
    }

    @Singleton
    static class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ApiException exception) {
            var response = respond(exception.problem());
            exception.headers().forEach(response::header);
            return response;
        }
    }

    /** Framework errors: unknown route (404), wrong method (405), wrong media type (415), malformed JSON, ... */
    @Singleton
    @Primary
    @Replaces(ErrorResponseProcessor.class)
    static class FrameworkErrors implements ErrorResponseProcessor<Problem> {
        @Override
        @NonNull
        public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
            int status = response.code();
            if (status >= 500) {
                Problem conflict = concurrentChange(context.getRootCause().orElse(null));
                if (conflict != null) {
                    return response.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                            .body(conflict).contentType(MediaType.of(Problem.MEDIA_TYPE));
                }
            }
            if (status == 400) {
                Problem.FieldError named = badInput(context.getRootCause().orElse(null), () -> body(context.getRequest()));
                if (named != null) {
                    return response.body(Problem.invalid(List.of(named))).contentType(MediaType.of(Problem.MEDIA_TYPE));
                }
            }
            List<Problem.FieldError> errors = new ArrayList<>();
            for (var error : context.getErrors()) {
                String field = error.getPath().map(ProblemHandlers::lastSegment).orElse(null);
                if (field != null) {
                    errors.add(new Problem.FieldError(field, status == 400 ? "invalid" : "error", error.getMessage()));
                }
            }
            String detail = context.getErrors().isEmpty() ? null : context.getErrors().get(0).getMessage();
            if (status >= 500) {
                detail = "Something went wrong on our side; it has been logged.";
                errors.clear();
            }
            String title = response.getStatus().getReason();
            Problem problem = new Problem("https://noaber.nl/problems/" + slug(title), title, status, detail,
                    errors.isEmpty() ? null : errors);
            return response.body(problem).contentType(MediaType.of(Problem.MEDIA_TYPE));
        }
    }

    /**
     * 409 for what a request met from another one at the same moment, where no service named it
     * itself: PostgreSQL broke a deadlock or could not serialise (after the retries of
     * {@code RetryOnDeadlock}, where a method has them), or a unique or foreign key refused a row
     * that a concurrent change made a duplicate or took away. Run again, the request finds the new
     * state and answers for it. Null for any other failure, which stays a 500.
     */
    static Problem concurrentChange(Throwable cause) {
        String state = cause == null ? null : nl.noaber.db.Db.sqlState(cause).orElse(null);
        if ("40001".equals(state) || "40P01".equals(state)) {
            return Problem.of(409, "concurrent-change", "Conflict",
                    "Another change to the same data came at the same moment; try again");
        }
        if ("23505".equals(state) || "23503".equals(state)) {
            return Problem.of(409, "concurrent-change", "Conflict",
                    "A change made at the same moment conflicts with this one (a duplicate, or something it refers to is gone); "
                            + "reload and try again");
        }
        return null;
    }

    /**
     * The framework's own 400s, with the field and the rule named as ours are: a query or path
     * value that is not of its type ({@code Type}), a missing required value or body ({@code
     * NotNull}), a property the endpoint does not take ({@code Unknown}, the property named), a
     * body that is not JSON ({@code Json}, field {@code body}) or holds a value of the wrong type
     * ({@code Type}, the property found in the body again where the decoder says it stopped; field
     * {@code body} when it cannot be found). Null for anything else.
     */
    static Problem.FieldError badInput(Throwable cause, java.util.function.Supplier<String> body) {
        if (cause instanceof ConversionErrorException e) {
            Argument<?> argument = e.getArgument();
            if (isBody(argument)) {
                String words = decoderMessage(e.getConversionError().getCause());
                var unknown = UNKNOWN_PROPERTY.matcher(words);
                if (unknown.find()) {
                    String name = unknown.group(1).length() > 80 ? unknown.group(1).substring(0, 80) + "…" : unknown.group(1);
                    return new Problem.FieldError(name, "Unknown", "this endpoint takes no property " + name + " (check its spelling)");
                }
                String field = wrongValue(words, body.get());
                return field == null
                        ? new Problem.FieldError("body", "Json", "the body does not fit this endpoint: " + words)
                        : new Problem.FieldError(field, "Type", field + " is not of its type: " + words);
            }
            return new Problem.FieldError(argument.getName(), "Type", "must be " + expected(argument.getType()));
        }
        if (cause instanceof io.micronaut.web.router.exceptions.UnsatisfiedRouteException e) {
            Argument<?> argument = e.getArgument();
            return isBody(argument)
                    ? new Problem.FieldError("body", "NotNull", "a JSON body is required")
                    : new Problem.FieldError(argument.getName(), "NotNull", "is required");
        }
        if (cause instanceof UnsatisfiedArgumentException e) {
            Argument<?> argument = e.getArgument();
            return isBody(argument)
                    ? new Problem.FieldError("body", "NotNull", "a JSON body is required")
                    : new Problem.FieldError(argument.getName(), "NotNull", "is required");
        }
        if (cause instanceof io.micronaut.json.JsonSyntaxException e) {
            return new Problem.FieldError("body", "Json", "the body is not valid JSON: " + decoderMessage(e));
        }
        return null;
    }

    private static final java.util.regex.Pattern UNKNOWN_PROPERTY = java.util.regex.Pattern.compile("Unknown property \\[([^\\]]+)\\]");
    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("\\(line: (\\d+), column: (\\d+)\\)");
    private static final java.util.regex.Pattern PROPERTY = java.util.regex.Pattern.compile("Error decoding property \\[\\S+ (\\w+)\\]");

    /** The property of the body the decoder could not take, from where it stopped or the name it gives; or null. */
    static String wrongValue(String words, String body) {
        if (body == null || body.isEmpty() || !JsonPlace.wellFormed(body)) {
            return null;
        }
        var at = AT.matcher(words);
        if (at.find()) {
            return JsonPlace.at(body, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
        }
        var property = PROPERTY.matcher(words);
        return property.find() ? JsonPlace.property(body, property.group(1)) : null;
    }

    /**
     * The request's body as text, if it is at hand. By the time the decoder has failed the body has
     * arrived whole, so a copy of it is ready at once on the connection's event loop; elsewhere (the
     * route's own thread, when the body came after its headers) the copy is handed over by the
     * event loop, so this waits for it, briefly: the bytes are there. It never waits on the event
     * loop itself, and takes nothing from the body.
     */
    private static String body(HttpRequest<?> request) {
        if (!(request instanceof io.micronaut.http.ServerHttpRequest<?> server)) {
            return null;
        }
        try {
            var copy = server.byteBody().split(io.micronaut.http.body.ByteBody.SplitBackpressureMode.FASTEST).buffer();
            if (!copy.isDone() && request instanceof io.micronaut.http.server.netty.NettyHttpRequest<?> netty
                    && !netty.getChannelHandlerContext().executor().inEventLoop()) {
                try {
                    copy.get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // As if it were not at hand.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!copy.isDone() || copy.isCompletedExceptionally()) {
                copy.thenAccept(io.micronaut.http.body.CloseableAvailableByteBody::close);
                return null;
            }
            try (var bytes = copy.getNow(null)) {
                return bytes.length() > 1_000_000 ? null : bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasStereotype(io.micronaut.http.annotation.Body.class)
                || argument.getName().equals("body");
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Long.class || type == long.class) {
            return "a whole number (an id)";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Iterable.class.isAssignableFrom(type)) {
            return "a list of values of the right type";
        }
        return "a valid " + type.getSimpleName();
    }

    /** The decoder's words without its internals: class names shortened, the redacted source left out. */
    static String decoderMessage(Throwable t) {
        if (t == null || t.getMessage() == null) {
            return "it could not be read";
        }
        String m = t.getMessage().replace("\n", " ").replaceAll("\\s+", " ");
        m = m.replaceAll("at \\[Source: [^;]*; ", "(").replaceAll("\\]$", ")");
        m = m.replaceAll("`?java\\.lang\\.(\\w+)`?", "$1").replaceAll("`?([a-z]+\\.)+([A-Z]\\w*)`?", "$2");
        return m.strip();
    }

    /** Bean validation: one field error per violation, with the constraint's name as the rule. */
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    static class ConstraintViolations implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
            // Each error keyed once by its sortable path (a list of 10,000 wrong elements breaks 10,001 rules).
            List<Map.Entry<String, Problem.FieldError>> keyed = new ArrayList<>();
            for (ConstraintViolation<?> v : exception.getConstraintViolations()) {
                String rule = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                Problem.FieldError error = new Problem.FieldError(fieldOf(v.getPropertyPath()), rule, v.getMessage());
                keyed.add(Map.entry(inIndexOrder(error.field()), error));
            }
            keyed.sort(Map.Entry.comparingByKey());
            return respond(Problem.invalid(keyed.stream().map(Map.Entry::getValue).toList()));
        }
    }

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[(\\d+)]");

    /** A field path that sorts its indexes as numbers: {@code skills} first, then skills[2] before skills[10]. */
    static String inIndexOrder(String field) {
        return INDEX.matcher(field)
                .replaceAll(m -> "[" + "0".repeat(Math.max(0, 10 - m.group(1).length())) + m.group(1) + "]");
    }

    /** 401 for no or a bad token, 403 for a token without the right role. */
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static class Unauthorised implements ExceptionHandler<AuthorizationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, AuthorizationException exception) {
            Problem problem = exception.isForbidden()
                    ? Problem.of(403, "forbidden", "Forbidden", "Your role may not do this")
                    : Problem.of(401, "unauthorized", "Unauthorized",
                            "Log in first (Authorization: Bearer <access token>); a token of an ended session no longer works");
            var response = respond(problem);
            if (!exception.isForbidden()) {
                response.header("WWW-Authenticate", "Bearer");
            }
            return response;
        }
    }

    /** A validated method's path is method.argument.property...; the client knows only the part after the argument. */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            String index = node.getIndex() == null ? "" : "[" + node.getIndex() + "]";
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && !names.isEmpty()) {
                // "skills.<list element>[2]" reads as "skills[2]"
                names.set(names.size() - 1, names.get(names.size() - 1) + index);
                continue;
            }
            names.add(node.getName() + index);
        }
        if (names.size() > 1 && isArgumentName(names.get(0))) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    private static boolean isArgumentName(String name) {
        // Request bodies are bound to an argument called "body" or "*Request"/"*Update"; plain query
        // parameters keep their own name as the field.
        return name.equals("body") || name.endsWith("Request") || name.endsWith("Update") || name.endsWith("Command");
    }

    private static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
