package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.web.ApiException;

/** The outbox for coordinators (dead letters, sending again) and the makelaars' work queue. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Notifications")
public class NotificationController {
    private final NotificationService notifications;

    public NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Get("/notifications")
    @Secured(Role.Names.COORDINATOR)
    @Operation(summary = "Notifications in one status (default DEAD), most recently changed first; no bodies, no addresses")
    public List<OutboxRepository.Entry> list(@Nullable @QueryValue String status, @Nullable @QueryValue String limit) {
        return notifications.list(status == null || status.isBlank() ? "DEAD" : status.trim(), number(limit, "limit", 50));
    }

    @Post("/notifications/{id}/resend")
    @Secured(Role.Names.COORDINATOR)
    @Operation(summary = "Send a DEAD notification again (fresh attempts, the same Message-ID)")
    public OutboxRepository.Entry resend(@PathVariable long id) {
        return notifications.resend(id);
    }

    @Get("/makelaar/tasks")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "News to pass on to people without email, oldest first: a makelaar's own participants and the "
            + "shared queue (coordinators: all); open=true for tasks not done yet")
    public List<NotificationService.Task> tasks(@Nullable @QueryValue String open, Authentication authentication) {
        Boolean flag = null;
        if (open != null && !open.isBlank()) {
            switch (open.trim()) {
                case "true" -> flag = true;
                case "false" -> flag = false;
                default -> throw ApiException.invalid("open", "OneOf", "open is true or false");
            }
        }
        return notifications.tasks(CurrentUser.of(authentication), flag);
    }

    @Post("/makelaar/tasks/{id}/done")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "The news was passed on (once)")
    public NotificationService.Task done(@PathVariable long id, Authentication authentication) {
        return notifications.done(CurrentUser.of(authentication), id);
    }

    private static int number(@Nullable String value, String field, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "Range", field + " is a whole number");
        }
    }
}
