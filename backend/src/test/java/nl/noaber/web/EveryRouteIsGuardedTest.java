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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /** The routes anyone may call, as "METHOD template". */
    private static final Set<String> PUBLIC = Set.of(
            "POST /api/auth/login", "POST /api/auth/totp", "POST /api/auth/refresh", // logging in
            "POST /api/register",                                                    // signing up
            "GET /api/categories",                                                   // the taxonomy, for the sign-up form
            "GET /api/unsubscribe", "POST /api/unsubscribe",                         // the link in a mail is the key
            "GET /health", "GET /health/{selector}",                                 // for the load balancer: UP or DOWN, no details
            "GET /");                                                                // a redirect to the API's documentation

    /** The routes for makelaars and coordinators only, as "METHOD template". */
    private static final Set<String> STAFF = Set.of(
            "GET /api/accounts", "POST /api/accounts", "GET /api/accounts/{id}", "POST /api/accounts/{id}/disable",
            "POST /api/accounts/{id}/enable", "POST /api/accounts/{id}/reset-second-factor",
            "PUT /api/address-points",
            "GET /api/makelaar/tasks", "POST /api/makelaar/tasks/{id}/done",
            "GET /api/match-reports", "POST /api/match-reports/{id}/handled",
            "GET /api/matching/plan",
            "PUT /api/municipalities/{code}/neighbourhoods",
            "GET /api/notifications", "POST /api/notifications/{id}/resend",
            "POST /api/participants/{id}/erase", "POST /api/participants/{id}/suspend",
            "POST /api/participants/{id}/reinstate", "GET /api/participants/{id}/status",
            "GET /api/participants/{id}/suggested-requests",
            "PUT /api/requests/{id}/search-radius");

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

    @Test
    void everyRouteButThePublicOnesAnswersACallerWithoutATokenWith401() {
        List<UriRouteInfo<?, ?>> routes = routes();
        assertThat(routes).as("the application's routes").hasSizeGreaterThan(50);
        Set<String> seen = new TreeSet<>();
        for (UriRouteInfo<?, ?> r : routes) {
            String name = name(r);
            seen.add(name);
            if (PUBLIC.contains(name)) {
                continue;
            }
            refused(api().fails(() -> api().exchange(call(r), null)), name, 401);
        }
        assertThat(seen).as("the public routes exist").containsAll(PUBLIC);
    }

    @Test
    void theStaffRoutesRefuseAResidentWith403() {
        Person resident = api().resident("Nieuwsgierige Bewoner");
        Set<String> checked = new TreeSet<>();
        for (UriRouteInfo<?, ?> r : routes()) {
            String name = name(r);
            if (STAFF.contains(name)) {
                refused(api().fails(() -> api().exchange(call(r), resident)), name, 403);
                checked.add(name);
            }
        }
        assertThat(checked).as("the staff routes exist").isEqualTo(new TreeSet<>(STAFF));
    }

    private static void refused(Fixtures.Failure f, String route, int status) {
        assertThat(f.status()).as("%s: %s", route, f.problem()).isEqualTo(status);
        assertThat(f.contentType()).as(route).startsWith("application/problem+json");
    }
}
