package nl.noaber.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.noaber.account.Totp;
import nl.noaber.geo.Places;
import org.junit.jupiter.api.function.Executable;
import org.locationtech.jts.geom.Point;

/** One-line set-ups over the real HTTP API: "a resident at this point", "a makelaar", ... */
public class Fixtures {
    public static final String PASSWORD = "Zonnebloem-Fiets-42";
    public static final String COORDINATOR_EMAIL = "coordinator@test.noaber.nl";
    public static final String COORDINATOR_PASSWORD = "Sterk-Beheer-2026";
    public static final String COORDINATOR_TOTP = "KRSXG5CDN5XGI2LOMF2G64TUMVZXIMJS";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static Person bootstrapCoordinator;
    /** When the coordinator last logged in: an access token lives 15 minutes, longer than some suites run. */
    private static Instant coordinatorSince = Instant.EPOCH;

    private final BlockingHttpClient http;

    public Fixtures(BlockingHttpClient http) {
        this.http = http;
    }

    /** Someone logged in. participantId is null for staff. */
    public record Person(long accountId, Long participantId, String email, String password, String accessToken,
                         String refreshToken) {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQUENCE.incrementAndGet() + "@test.noaber.nl";
    }

    // --- people ---------------------------------------------------------------------------

    public Person resident(String name) {
        String email = uniqueEmail(name.toLowerCase().replaceAll("[^a-z]", ""));
        Map<?, ?> registered = post("/api/register", null, Map.of("email", email, "password", PASSWORD, "displayName", name));
        Map<?, ?> tokens = post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
        return new Person(number(registered.get("accountId")), number(registered.get("participantId")), email, PASSWORD,
                (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"));
    }

    public Person residentAt(String name, double lat, double lon) {
        Person p = resident(name);
        put("/api/me/home", p, Map.of("lat", lat, "lon", lon));
        return p;
    }

    public Person residentAt(String name, Point home) {
        return residentAt(name, Places.lat(home), Places.lon(home));
    }

    /** The coordinator from configuration, logged in once per test JVM and again before the token runs out. */
    public Person coordinator() {
        synchronized (Fixtures.class) {
            if (bootstrapCoordinator == null || coordinatorSince.isBefore(Instant.now().minus(java.time.Duration.ofMinutes(10)))) {
                bootstrapCoordinator = loginStaff(COORDINATOR_EMAIL, COORDINATOR_PASSWORD, COORDINATOR_TOTP, -1);
                coordinatorSince = Instant.now();
            }
        }
        return bootstrapCoordinator;
    }

    /** A new makelaar or coordinator, created by the coordinator, enrolled and logged in. */
    public Person staff(String role) {
        String email = uniqueEmail(role.toLowerCase());
        Map<?, ?> created = post("/api/accounts", coordinator(), Map.of("email", email, "password", PASSWORD, "role", role));
        Map<?, ?> step1 = post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(step1.get("status")).isEqualTo("TOTP_ENROLMENT_REQUIRED");
        String secret = (String) step1.get("totpSecret");
        Map<?, ?> tokens = post("/api/auth/totp", null,
                Map.of("mfaToken", step1.get("mfaToken"), "code", Totp.code(secret, Totp.step(Instant.now()))));
        return new Person(number(created.get("id")), null, email, PASSWORD, (String) tokens.get("accessToken"),
                (String) tokens.get("refreshToken"));
    }

    /** Logs staff in with their TOTP secret; tries the next time step if this one was used already. */
    public Person loginStaff(String email, String password, String secret, long accountId) {
        long step = Totp.step(Instant.now());
        HttpClientResponseException last = null;
        for (long s = step; s <= step + 1; s++) {
            Map<?, ?> step1 = post("/api/auth/login", null, Map.of("email", email, "password", password));
            try {
                Map<?, ?> tokens = post("/api/auth/totp", null, Map.of("mfaToken", step1.get("mfaToken"), "code", Totp.code(secret, s)));
                return new Person(number(tokens.get("accountId")), null, email, password,
                        (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"));
            } catch (HttpClientResponseException e) {
                last = e;
            }
        }
        throw last;
    }

    // --- requests and offers ----------------------------------------------------------------

    /**
     * A one-off request or offer on a Tuesday morning, 10:00 to 12:00 in Haarlem, in the first week
     * after the coming one: always ahead, whenever the tests run, so that no test's listing has expired
     * or says its time has passed (a fixed date did, once it had gone by).
     */
    public static Map<String, Object> oneOff(String category, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("title", title);
        body.put("description", "Graag hulp");
        body.put("schedule", window(java.time.DayOfWeek.TUESDAY, 10, 12));
        return body;
    }

    /** A one-off window on the given day in the first week after the coming one, in Haarlem's hours. */
    public static Map<String, Object> window(java.time.DayOfWeek dayOfWeek, int fromHour, int toHour) {
        java.time.ZoneId haarlem = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate day = java.time.LocalDate.now(haarlem).plusDays(7)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(dayOfWeek));
        return Map.of("type", "ONE_OFF",
                "startsAt", day.atTime(fromHour, 0).atZone(haarlem).toOffsetDateTime().toString(),
                "endsAt", day.atTime(toHour, 0).atZone(haarlem).toOffsetDateTime().toString());
    }

    public long request(Person who, String category, String title) {
        return number(post("/api/requests", who, oneOff(category, title)).get("id"));
    }

    public long offer(Person who, String category, String title) {
        return number(post("/api/offers", who, oneOff(category, title)).get("id"));
    }

    // --- HTTP -------------------------------------------------------------------------------

    public Map<String, Object> get(String path, Person who) {
        return http.retrieve(auth(HttpRequest.GET(path), who), Argument.mapOf(String.class, Object.class));
    }

    public List<?> getList(String path, Person who) {
        return http.retrieve(auth(HttpRequest.GET(path), who), Argument.listOf(Object.class));
    }

    /** The items of one page of a paged list ({@code {items, nextCursor}}). */
    public List<?> getItems(String path, Person who) {
        return (List<?>) get(path, who).get("items");
    }

    /** The items of every page of a paged list, following {@code nextCursor} from the first page. */
    public List<?> getAllItems(String path, Person who) {
        List<Object> out = new java.util.ArrayList<>();
        Map<String, Object> page = get(path, who);
        out.addAll((List<?>) page.get("items"));
        while (page.get("nextCursor") instanceof String next) {
            page = get(path + (path.contains("?") ? "&" : "?") + "cursor="
                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), who);
            out.addAll((List<?>) page.get("items"));
        }
        return out;
    }

    public String getRaw(String path, Person who) {
        return http.retrieve(auth(HttpRequest.GET(path), who), String.class);
    }

    public Map<String, Object> post(String path, Person who, Object body) {
        return http.retrieve(auth(HttpRequest.POST(path, body), who), Argument.mapOf(String.class, Object.class));
    }

    public Map<String, Object> put(String path, Person who, Object body) {
        return http.retrieve(auth(HttpRequest.PUT(path, body), who), Argument.mapOf(String.class, Object.class));
    }

    public HttpResponse<String> exchange(MutableHttpRequest<?> request, Person who) {
        return http.exchange(auth(request, who), String.class);
    }

    /** Runs a call that must fail, and returns the failure with its parsed problem body. */
    public Failure fails(Executable call) {
        var e = assertThrows(HttpClientResponseException.class, call);
        String raw = e.getResponse().getBody(String.class).orElse("");
        Map<?, ?> body = raw.isEmpty() ? Map.of() : parse(raw);
        return new Failure(e.getStatus().getCode(), e.getResponse().getContentType().map(Object::toString).orElse(""), body,
                e.getResponse().getHeaders().get("Retry-After"));
    }

    /** A failed call: status, content type and problem body. */
    public record Failure(int status, String contentType, Map<?, ?> problem, String retryAfter) {
        public Failure isProblem(int expectedStatus) {
            assertThat(status).as("status; problem %s", problem).isEqualTo(expectedStatus);
            assertThat(contentType).startsWith("application/problem+json");
            assertThat(problem.get("status")).isEqualTo(expectedStatus);
            return this;
        }

        /** The problem names this field and rule among its errors. */
        public Failure names(String field, String rule) {
            assertThat((List<?>) problem.get("errors")).as("errors of %s", problem)
                    .anySatisfy(err -> {
                        Map<?, ?> m = (Map<?, ?>) err;
                        assertThat(m.get("field")).isEqualTo(field);
                        assertThat(m.get("rule")).isEqualTo(rule);
                    });
            return this;
        }

        public String type() {
            return (String) problem.get("type");
        }
    }

    public static Map<String, Object> parse(String json) {
        try {
            return ObjectMapper.getDefault().readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, Person who) {
        return who == null ? request : request.bearerAuth(who.accessToken());
    }

    public static long number(Object o) {
        return ((Number) o).longValue();
    }
}
