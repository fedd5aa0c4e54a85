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
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

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
    @Operation(summary = "Notifications in one status (default DEAD), most recently changed first, a page at a time; "
            + "no bodies, no addresses")
    public Page<OutboxRepository.Entry> list(@Nullable @QueryValue String status, @Nullable @QueryValue Integer limit,
                                             @Nullable @QueryValue String cursor) {
        return notifications.list(status == null || status.isBlank() ? "DEAD" : status.trim(), Page.limit(limit),
                TimeCursor.decode("cursor", cursor));
    }

    @Post("/notifications/{id}/resend")
    @Secured(Role.Names.COORDINATOR)
    @Operation(summary = "Send a DEAD notification again (fresh attempts, the same Message-ID)")
    public OutboxRepository.Entry resend(@PathVariable long id) {
        return notifications.resend(id);
    }

    @Get("/makelaar/tasks")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "News to pass on to people without email, oldest first, a page at a time: a makelaar's own "
            + "participants and the shared queue (coordinators: all); open=true for tasks not done yet")
    public Page<NotificationService.Task> tasks(@Nullable @QueryValue String open, @Nullable @QueryValue Integer limit,
                                                @Nullable @QueryValue String cursor, Authentication authentication) {
        Boolean flag = null;
        if (open != null && !open.isBlank()) {
            switch (open.trim()) {
                case "true" -> flag = true;
                case "false" -> flag = false;
                default -> throw ApiException.invalid("open", "OneOf", "open is true or false");
            }
        }
        return notifications.tasks(CurrentUser.of(authentication), flag, Page.limit(limit), TimeCursor.decode("cursor", cursor));
    }

    @Post("/makelaar/tasks/{id}/done")
    @Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
    @Operation(summary = "The news was passed on (once)")
    public NotificationService.Task done(@PathVariable long id, Authentication authentication) {
        return notifications.done(CurrentUser.of(authentication), id);
    }
}
