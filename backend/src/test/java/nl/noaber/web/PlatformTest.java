package nl.noaber.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** OpenAPI, health, metrics, the category taxonomy and errors outside any feature. */
@MicronautTest(environments = "test", transactional = false)
class PlatformTest extends IntegrationTest {

    @Test
    void theOpenApiSpecAndItsUiAreServed() {
        String spec = api().getRaw("/swagger/noaber-api.yml", null);
        assertThat(spec).contains("openapi:").contains("/api/requests/nearby").contains("/api/auth/login");
        assertThat(api().getRaw("/swagger-ui/index.html", null)).containsIgnoringCase("swagger");
    }

    @Test
    void healthIsOpenAndMetricsAreForCoordinators() {
        assertThat(api().get("/health", null).get("status")).isEqualTo("UP");
        Person resident = api().resident("Meter");
        api().fails(() -> api().getRaw("/prometheus", null)).isProblem(401);
        api().fails(() -> api().getRaw("/prometheus", resident)).isProblem(403);
        assertThat(api().getRaw("/prometheus", api().coordinator())).contains("jvm_memory_used_bytes");
        assertThat(api().get("/metrics", api().coordinator())).containsKey("names");
    }

    @Test
    void theCategoriesCoverTheBriefAndThePapers() {
        List<?> categories = api().getList("/api/categories", null);
        assertThat(categories).extracting(c -> (Object) ((Map<?, ?>) c).get("code")).contains(
                "ODD_JOBS", "GARDEN", "SHOPPING", "SHOPPING_TOGETHER", "LIFT", "LIFT_MEDICAL", "COMPANY", "DOG_WALKING",
                "COMPUTER_HELP", "PAPERWORK", "LANGUAGE_PRACTICE", "LANGUAGE_LESSONS", "COOKING", "MEAL_PREPARATION",
                "SMALL_REPAIRS", "MOVING_THINGS", "CHILD_MINDING", "PET_MINDING", "LAUNDRY", "CARER_RESPITE", "BUDDY");
        assertThat(categories).allSatisfy(c -> {
            Map<?, ?> m = (Map<?, ?>) c;
            assertThat((String) m.get("labelNl")).isNotBlank();
            assertThat((String) m.get("labelEn")).isNotBlank();
        });
        assertThat(categories).anySatisfy(c -> {
            assertThat(((Map<?, ?>) c).get("code")).isEqualTo("HOUSEKEEPING");
            assertThat(((Map<?, ?>) c).get("beyondNeighbourlyHelp")).isEqualTo(true);
        });
    }

    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @Test
    void theRootLeadsToTheApiDocumentation() throws Exception {
        var client = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var response = client.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/index.html"));
        // And the documentation is there.
        assertThat(api().exchange(HttpRequest.GET("/"), null).body()).containsIgnoringCase("swagger");
    }

    @Test
    void unknownRoutesAndMethodsAnswerInProblemJson() {
        Person p = api().resident("Verdwaald");
        api().fails(() -> api().get("/api/nothing-here", p)).isProblem(404);
        api().fails(() -> api().get("/api/nothing-here", null)).isProblem(404);
        api().fails(() -> api().exchange(HttpRequest.DELETE("/api/categories"), p)).isProblem(405);
        api().fails(() -> api().get("/api/requests/not-a-number", p)).isProblem(400);
        // A web page elsewhere calling a server addressed as localhost: the framework's CORS filter refuses
        // it with a bare 403; it carries a problem too.
        assertThat(api().fails(() -> api().exchange(HttpRequest.GET("/api/categories").header("Origin", "https://elders.example"), p))
                .isProblem(403).type()).endsWith("/forbidden");
    }
}
