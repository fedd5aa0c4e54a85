package nl.noaber.account;

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
import jakarta.validation.constraints.Pattern;

/**
 * The language of a staff member's own mail (the makelaar's morning digest). Residents choose
 * theirs in their profile, so this is for makelaars and coordinators only.
 */
@Controller("/api/me/language")
@Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
public class StaffLanguageController {
    private final AuthService auth;

    public StaffLanguageController(AuthService auth) {
        this.auth = auth;
    }

    @Serdeable
    public record Language(@NotNull @Pattern(regexp = "^(nl|en)$", message = "nl or en") String language) {}

    @Get
    @Operation(summary = "The language of my mail from Noaber (nl or en)")
    public Language mine(Authentication authentication) {
        return new Language(auth.language(CurrentUser.of(authentication).accountId()));
    }

    @Put
    @Operation(summary = "Choose the language of my mail from Noaber (nl or en)")
    public Language set(@Valid @Body Language body, Authentication authentication) {
        return new Language(auth.setLanguage(CurrentUser.of(authentication).accountId(), body.language()));
    }
}
