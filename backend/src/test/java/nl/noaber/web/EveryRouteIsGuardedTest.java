package nl.noaber.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.noaber.account.Role;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A sweep over every route the application has, so that no endpoint added later can be reached
 * without a login by accident: each answers a caller without a token with 401 problem+json, except
 * the few that are public by design, listed here (a new public route must be added to the list, and
 * so be seen in review). A resident is refused (403) on the routes for staff only.
 */
@MicronautTest(environments = "test", transactional = false)
class EveryRouteIsGuardedTest extends IntegrationTest {

    /**
     * Who may call each route, as "METHOD template" to the roles its {@code @Secured} names, "logged in"
     * (any account; what it shows then depends on who asks, tested with each route) or "anyone". Every
     * route must be here, so a new one is seen in review with who may call it; the sweep checks that the
     * code declares the same, and that every role left out is refused.
     */
    private static final Map<String, String> ACCESS = Map.ofEntries(
            // Public by design: logging in, signing up, the taxonomy for the sign-up form, the link in a
            // mail (the signed token is the key), the load balancer's health (UP or DOWN, no details),
            // and a redirect to the API's documentation.
            Map.entry("POST /api/auth/login", "anyone"), Map.entry("POST /api/auth/totp", "anyone"),
            Map.entry("POST /api/auth/refresh", "anyone"), Map.entry("POST /api/register", "anyone"),
            Map.entry("GET /api/categories", "anyone"),
            Map.entry("GET /api/unsubscribe", "anyone"), Map.entry("POST /api/unsubscribe", "anyone"),
            Map.entry("GET /health", "anyone"), Map.entry("GET /health/{selector}", "anyone"),
            Map.entry("GET /", "anyone"),
            // Any account; what is shown depends on who asks (public form, 404 for someone else's).
            Map.entry("POST /api/auth/logout", "logged in"),
            Map.entry("GET /api/geocode", "logged in"),
            Map.entry("GET /api/municipalities", "logged in"), Map.entry("GET /api/neighbourhoods", "logged in"),
            Map.entry("GET /api/requests/nearby", "logged in"), Map.entry("GET /api/requests/{id}", "logged in"),
            Map.entry("GET /api/offers/nearby", "logged in"), Map.entry("GET /api/offers/{id}", "logged in"),
            // A resident's own things.
            Map.entry("GET /api/me/profile", "RESIDENT"), Map.entry("PUT /api/me/profile", "RESIDENT"),
            Map.entry("PUT /api/me/home", "RESIDENT"), Map.entry("GET /api/me/export", "RESIDENT"),
            Map.entry("POST /api/me/erase", "RESIDENT"),
            Map.entry("GET /api/me/requests", "RESIDENT"), Map.entry("GET /api/me/offers", "RESIDENT"),
            Map.entry("GET /api/me/matches", "RESIDENT"), Map.entry("GET /api/me/thanks", "RESIDENT"),
            Map.entry("GET /api/me/suggested-requests", "RESIDENT"),
            Map.entry("GET /api/me/notification-preferences", "RESIDENT"),
            Map.entry("PUT /api/me/notification-preferences", "RESIDENT"),
            Map.entry("POST /api/requests", "RESIDENT"), Map.entry("PUT /api/requests/{id}", "RESIDENT"),
            Map.entry("POST /api/requests/{id}/withdraw", "RESIDENT"), Map.entry("POST /api/requests/{id}/close", "RESIDENT"),
            Map.entry("GET /api/requests/{id}/reciprocity", "RESIDENT"),
            Map.entry("POST /api/offers", "RESIDENT"), Map.entry("PUT /api/offers/{id}", "RESIDENT"),
            Map.entry("POST /api/offers/{id}/withdraw", "RESIDENT"), Map.entry("POST /api/offers/{id}/close", "RESIDENT"),
            // A request's owner and staff; a match's two sides and staff (anyone else: 404).
            Map.entry("GET /api/requests/{id}/helpers", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/matches/{id}", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/accept", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/decline", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/withdraw", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/complete", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/cancel", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/matches/{id}/occurrences", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/occurrences", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/thanks", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/feedback", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/reports", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/matches/{id}/notes", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/block", "RESIDENT, MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/matches/{id}/unblock", "RESIDENT, MAKELAAR, COORDINATOR"),
            // Makelaars and coordinators.
            Map.entry("GET /api/me/language", "MAKELAAR, COORDINATOR"), Map.entry("PUT /api/me/language", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/makelaar/tasks", "MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/makelaar/tasks/{id}/done", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/match-reports", "MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/match-reports/{id}/handled", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/matching/plan", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/requests/{id}/helpers/{participantId}", "MAKELAAR, COORDINATOR"),
            Map.entry("PUT /api/requests/{id}/search-radius", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/participants/{id}/status", "MAKELAAR, COORDINATOR"),
            Map.entry("GET /api/participants/{id}/suggested-requests", "MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/participants/{id}/suspend", "MAKELAAR, COORDINATOR"),
            Map.entry("POST /api/participants/{id}/reinstate", "MAKELAAR, COORDINATOR"),
            // Coordinators: accounts, erasure, the city's reference data, the outbox, the metrics.
            Map.entry("GET /api/accounts", "COORDINATOR"), Map.entry("POST /api/accounts", "COORDINATOR"),
            Map.entry("GET /api/accounts/{id}", "COORDINATOR"), Map.entry("POST /api/accounts/{id}/disable", "COORDINATOR"),
            Map.entry("POST /api/accounts/{id}/enable", "COORDINATOR"),
            Map.entry("POST /api/accounts/{id}/reset-second-factor", "COORDINATOR"),
            Map.entry("POST /api/participants/{id}/erase", "COORDINATOR"),
            Map.entry("PUT /api/address-points", "COORDINATOR"),
            Map.entry("PUT /api/municipalities/{code}/neighbourhoods", "COORDINATOR"),
            Map.entry("GET /api/notifications", "COORDINATOR"), Map.entry("POST /api/notifications/{id}/resend", "COORDINATOR"),
            Map.entry("GET /metrics", "COORDINATOR"), Map.entry("GET /metrics/{name}", "COORDINATOR"),
            Map.entry("GET /prometheus", "COORDINATOR"));

    /** The management endpoints' access is set in the security configuration (intercept-url-map), not on code. */
    private static final Set<String> CONFIGURED = Set.of("GET /health", "GET /health/{selector}", "GET /metrics",
            "GET /metrics/{name}", "GET /prometheus");

    @Inject
    Router router;

    private List<UriRouteInfo<?, ?>> routes() {
        List<UriRouteInfo<?, ?>> out = new ArrayList<>();
        router.uriRoutes().filter(EveryRouteIsGuardedTest::checked).forEach(out::add);
        return out;
    }

    private static String name(UriRouteInfo<?, ?> r) {
        return r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString();
    }

    /**
     * A request for the route with every path variable 1, its query left out, and a body of a type
     * it takes (JSON, unless it takes only something else, such as CSV) where one may be sent.
     */
    private static MutableHttpRequest<?> call(UriRouteInfo<?, ?> r) {
        String path = r.getUriMatchTemplate().toPathString().replaceAll("\\{[^}]*}", "1");
        HttpMethod method = r.getHttpMethod();
        if (!HttpMethod.permitsRequestBody(method)) {
            return HttpRequest.create(method, path).accept(MediaType.APPLICATION_JSON_TYPE, MediaType.ALL_TYPE);
        }
        List<MediaType> takes = r.getConsumes();
        boolean json = takes.isEmpty() || takes.stream().anyMatch(t -> t.matches(MediaType.APPLICATION_JSON_TYPE));
        return HttpRequest.create(method, path)
                .body(json ? Map.of() : "")
                .contentType(json ? MediaType.APPLICATION_JSON_TYPE : takes.get(0))
                .accept(MediaType.APPLICATION_JSON_TYPE, MediaType.ALL_TYPE);
    }

    /** Every route but HEAD (Micronaut answers HEAD for each GET, as the GET, without a body). */
    private static boolean checked(UriRouteInfo<?, ?> r) {
        return r.getHttpMethod() != HttpMethod.HEAD;
    }

    private static final List<String> ROLES = List.of(Role.Names.RESIDENT, Role.Names.MAKELAAR, Role.Names.COORDINATOR);

    /** Who may call the route as its code declares it: the {@code @Secured} of its method, else of its class. */
    private static String declared(UriRouteInfo<?, ?> r) {
        String[] values = r.getAnnotationMetadata().stringValues(Secured.class);
        if (values.length == 1 && values[0].equals(SecurityRule.IS_ANONYMOUS)) {
            return "anyone";
        }
        if (values.length == 1 && values[0].equals(SecurityRule.IS_AUTHENTICATED)) {
            return "logged in";
        }
        if (values.length == 0) {
            return "not declared";
        }
        return Arrays.stream(values).sorted(Comparator.comparingInt(ROLES::indexOf)).collect(Collectors.joining(", "));
    }

    @Test
    void everyRouteIsListedWithWhoMayCallItAsItsCodeDeclares() {
        List<UriRouteInfo<?, ?>> routes = routes();
        assertThat(routes).as("the application's routes").hasSizeGreaterThan(50);
        Map<String, String> found = new TreeMap<>();
        for (UriRouteInfo<?, ?> r : routes) {
            found.put(name(r), declared(r));
        }
        for (String configured : CONFIGURED) {
            assertThat(found.replace(configured, "not declared", ACCESS.get(configured))).as(configured).isTrue();
        }
        // A route missing here, or declared otherwise than listed, is named in the difference; nothing
        // else (no management endpoint such as /beans, /threaddump, /refresh or /token_info) is served.
        assertThat(found).isEqualTo(new TreeMap<>(ACCESS));
    }

    @Test
    void everyRouteButThePublicOnesAnswersACallerWithoutATokenWith401() {
        for (UriRouteInfo<?, ?> r : routes()) {
            String name = name(r);
            if (!"anyone".equals(ACCESS.get(name))) {
                refused(api().fails(() -> api().exchange(call(r), null)), name, 401);
            }
        }
    }

    @Test
    void everyRoleARouteDoesNotNameIsRefusedWith403() {
        Map<String, Person> people = Map.of(Role.Names.RESIDENT, api().resident("Nieuwsgierige Bewoner"),
                Role.Names.MAKELAAR, api().staff("MAKELAAR"), Role.Names.COORDINATOR, api().coordinator());
        Set<String> refusals = new TreeSet<>();
        for (UriRouteInfo<?, ?> r : routes()) {
            String name = name(r);
            String access = ACCESS.getOrDefault(name, "anyone");
            if (access.equals("anyone") || access.equals("logged in")) {
                continue;
            }
            List<String> allowed = List.of(access.split(", "));
            for (String role : ROLES) {
                if (!allowed.contains(role)) {
                    refused(api().fails(() -> api().exchange(call(r), people.get(role))), name + " as " + role, 403);
                    refusals.add(name + " as " + role);
                }
            }
        }
        // For example: a resident on the plan, a makelaar on account management, staff on a resident's own offers.
        assertThat(refusals).contains("GET /api/matching/plan as RESIDENT", "POST /api/accounts/{id}/disable as MAKELAAR",
                "POST /api/offers as COORDINATOR", "GET /api/me/language as RESIDENT").hasSizeGreaterThan(60);
    }

    private static void refused(Fixtures.Failure f, String route, int status) {
        assertThat(f.status()).as("%s: %s", route, f.problem()).isEqualTo(status);
        assertThat(f.contentType()).as(route).startsWith("application/problem+json");
    }
}
