package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * One-click unsubscribe (RFC 8058). Every mail's {@code List-Unsubscribe} header and footer link point
 * here with a signed token for one participant and one kind. A mail client POSTs
 * {@code List-Unsubscribe=One-Click}; a person following the link gets a page with one button, so
 * that link scanners, which only GET, unsubscribe nobody.
 */
@Controller("/api/unsubscribe")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Notifications")
public class UnsubscribeController {
    private final NotificationService notifications;

    public UnsubscribeController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Post
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe from one kind of mail (the token says which); body List-Unsubscribe=One-Click")
    public String unsubscribe(@Nullable @QueryValue String token) {
        Unsubscribe.Target t = notifications.unsubscribe(token);
        return page("U bent afgemeld / You are unsubscribed",
                "<p lang=\"nl\">U krijgt geen mails meer over: " + label(t.kind(), true) + ".</p>"
                        + "<p lang=\"en\">You will no longer get mails about: " + label(t.kind(), false) + ".</p>");
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page behind the unsubscribe link: one button that POSTs")
    public String confirm(@Nullable @QueryValue String token) {
        Unsubscribe.Target t = notifications.verify(token);
        String action = "?token=" + Templates.esc(token);
        return page("Afmelden / Unsubscribe",
                "<p lang=\"nl\">Geen mails meer over: " + label(t.kind(), true) + "?</p>"
                        + "<p lang=\"en\">No more mails about: " + label(t.kind(), false) + "?</p>"
                        + "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                        + "value=\"One-Click\"><button type=\"submit\" style=\"font-size: 20px; padding: 10px 20px;\">"
                        + "Afmelden / Unsubscribe</button></form>");
    }

    static String label(NotificationKind kind, boolean dutch) {
        return switch (kind) {
            case MATCH_PROPOSED -> dutch ? "voorstellen voor een match" : "match proposals";
            case MATCH_ACCEPTED -> dutch ? "geaccepteerde matches" : "accepted matches";
            case MATCH_DECLINED -> dutch ? "voorstellen die niet doorgaan" : "declined proposals";
            case MATCH_CANCELLED -> dutch ? "ingetrokken en beëindigde matches" : "withdrawn and ended matches";
            case MATCH_COMPLETED -> dutch ? "afgeronde matches" : "completed matches";
            case FOLLOW_UP -> dutch ? "herinneringen" : "reminders";
            case PROPOSAL_REMINDER -> dutch ? "herinneringen aan voorstellen die op uw antwoord wachten"
                    : "reminders of proposals waiting for your answer";
            case NEARBY_REQUESTS -> dutch ? "nieuwe hulpvragen in de buurt" : "new requests nearby";
            case MAKELAAR_DIGEST -> dutch ? "het dagoverzicht" : "the daily digest";
            case LISTING_EXPIRED -> dutch ? "verlopen hulpvragen en aanbiedingen" : "expired requests and offers";
        };
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>\n"
                + "<body style=\"font-family: sans-serif; font-size: 18px; max-width: 40em; margin: 2em auto;\">\n<h1>"
                + title + "</h1>\n" + body + "\n</body></html>\n";
    }
}
