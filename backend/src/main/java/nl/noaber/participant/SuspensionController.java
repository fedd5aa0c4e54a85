package nl.noaber.participant;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.web.PlainText;

/**
 * Suspending a participant, for makelaars and coordinators: the one way to keep someone out of
 * matching who has no account to disable (people without email or a computer), and a softer one than
 * disabling for those who do. Reinstating lets them be matched again, without bringing ended matches back.
 */
@Controller("/api/participants")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
@Tag(name = "Participants")
public class SuspensionController {
    /** Why a participant is suspended: for the makelaars, never shown to other residents. */
    @Serdeable
    public record Suspend(@NotBlank @Size(max = 500) @PlainText String reason) {}

    private final Suspensions suspensions;

    public SuspensionController(Suspensions suspensions) {
        this.suspensions = suspensions;
    }

    @Get("/{id}/status")
    @Operation(summary = "Whether a participant can be matched: ACTIVE, SUSPENDED (with when and why) or INACTIVE")
    public Suspensions.Standing status(@PathVariable long id) {
        return suspensions.status(id);
    }

    @Post("/{id}/suspend")
    @Operation(summary = "Suspend a participant: never matched, and their proposed and running matches end",
            description = "For makelaars and coordinators, with a reason for the makelaars (up to 500 characters). The other "
                    + "party of each ended match is told that it does not go ahead, not why. Suspending again keeps the "
                    + "first suspension. An erased participant (INACTIVE) gives 409.")
    public Suspensions.Standing suspend(@PathVariable long id, @Valid @Body Suspend body, Authentication authentication) {
        return suspensions.suspend(id, CurrentUser.of(authentication).accountId(), body.reason());
    }

    @Post("/{id}/reinstate")
    @Operation(summary = "Reinstate a suspended participant: they can be matched again",
            description = "For makelaars and coordinators. Matches that ended with the suspension stay ended. An ACTIVE "
                    + "participant stays as they are; an erased one (INACTIVE) gives 409.")
    public Suspensions.Standing reinstate(@PathVariable long id, Authentication authentication) {
        return suspensions.reinstate(id, CurrentUser.of(authentication).accountId());
    }
}
