package nl.noaber.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * An error answer that another filter made without a body gets a problem body too, so that every 4xx
 * and 5xx is application/problem+json: Micronaut's CORS filter refuses a foreign origin calling a
 * server addressed as localhost (a drive-by request from a web page to a developer's machine) with a
 * bare 403. Runs outside every other filter, so it sees their answers; answers with a body are left
 * as they are, and a HEAD answer never gets one.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BareErrors implements Ordered {

    @ResponseFilter
    void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || request.getMethod() == HttpMethod.HEAD || response.getBody().isPresent()) {
            return;
        }
        String title = response.reason();
        String detail = status == 403 && request.getHeaders().contains("Origin")
                ? "A web page from another origin may not call this server at this address"
                : null;
        response.body(Problem.of(status, ProblemHandlers.slug(title), title, detail)).contentType(MediaType.of(Problem.MEDIA_TYPE));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
