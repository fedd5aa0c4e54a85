package nl.noaber.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The address the README gives, http://localhost:8080/, leads somewhere: to the API's own
 * documentation, until the web client is served here.
 */
@Controller
@Hidden
public class RootController {
    static final URI API_DOCS = URI.create("/swagger-ui/index.html");

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(API_DOCS);
    }
}
