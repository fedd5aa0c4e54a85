package nl.noaber.notify;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;

/** A resident's own choice of mail: which kinds they unsubscribed from, and switching them on again. */
@Controller("/api/me/notification-preferences")
@Secured(Role.Names.RESIDENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Notifications")
public class MyNotificationsController {
    private final NotificationService notifications;

    public MyNotificationsController(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** What GET answers may be sent back whole: its read-only parts ({@code byMail}, {@code kinds}) are passed over. */
    @Serdeable
        public record PreferencesUpdate(@NotNull @Size(max = 20) List<@NotNull String> unsubscribed,
                                    @io.micronaut.core.annotation.Nullable Boolean nearbyDigest,
                                    @io.micronaut.core.annotation.Nullable
                                    @io.swagger.v3.oas.annotations.media.Schema(hidden = true) io.micronaut.json.tree.JsonNode byMail,
                                    @io.micronaut.core.annotation.Nullable
                                    @io.swagger.v3.oas.annotations.media.Schema(hidden = true) io.micronaut.json.tree.JsonNode kinds) {}

    @Get
    @Operation(summary = "Whether news reaches me by mail, the kinds of mail, and those I unsubscribed from")
    public NotificationService.Preferences mine(Authentication authentication) {
        return notifications.preferences(CurrentUser.of(authentication).participantId());
    }

    @Put
    @Operation(summary = "The kinds I want no mail of (every other kind is on), and whether I want the daily digest "
            + "of new requests nearby")
    public NotificationService.Preferences update(@Valid @Body PreferencesUpdate body, Authentication authentication) {
        return notifications.setPreferences(CurrentUser.of(authentication).participantId(), body.unsubscribed(),
                body.nearbyDigest());
    }
}
