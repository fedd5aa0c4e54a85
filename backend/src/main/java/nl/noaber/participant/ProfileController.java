package nl.noaber.participant;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.account.AuthService;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.web.PlainText;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Profile")
public class ProfileController {
    private final ProfileService profiles;
    private final List<OwnDataSection> sections;
    private final AuthService auth;

    public ProfileController(ProfileService profiles, List<OwnDataSection> sections, AuthService auth) {
        this.profiles = profiles;
        this.sections = sections;
        this.auth = auth;
    }

    @Serdeable
    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) @PlainText String email,
            @NotBlank @Size(max = 1024) String password,
            @NotBlank @Size(max = 80) @PlainText String displayName,
            @Pattern(regexp = "^(nl|en)$", message = "nl or en") String preferredLanguage) {}

    @Serdeable
    public record Registered(long accountId, long participantId) {}

    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "A resident signs up with email and password, then logs in at /api/auth/login")
    public HttpResponse<Registered> register(@Valid @Body RegisterRequest registerRequest) {
        var language = registerRequest.preferredLanguage() == null ? "nl" : registerRequest.preferredLanguage();
        var r = profiles.register(registerRequest.email(), registerRequest.password(), registerRequest.displayName(), language);
        return HttpResponse.created(new Registered(r.accountId(), r.participantId()), URI.create("/api/me/profile"));
    }

    @Get("/me/profile")
    @Secured(Role.Names.RESIDENT)
    public ProfileView profile(Authentication authentication) {
        return profiles.view(CurrentUser.of(authentication).accountId());
    }

    @Put("/me/profile")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Replace the profile (everything but the home place)")
    public ProfileView updateProfile(@Valid @Body ProfileUpdate profileUpdate, Authentication authentication) {
        return profiles.update(CurrentUser.of(authentication).accountId(), profileUpdate);
    }

    @Put("/me/home")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Set the home place from a postcode and house number, or from a point on the map",
            description = "The exact home never leaves the server except to its owner, a matched helper after both agree, and the makelaar.")
    public ProfileView updateHome(@Valid @Body HomeUpdate homeUpdate, Authentication authentication) {
        return profiles.updateHome(CurrentUser.of(authentication).accountId(), homeUpdate);
    }

    @Serdeable
    public record EraseRequest(@NotBlank @Size(max = 1024) String password) {}

    @Post("/me/erase")
    @Secured(Role.Names.RESIDENT)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Erase me: my profile, listings, notifications and account (my password again to confirm)",
            description = "Cannot be undone. Running matches end and the other person is told, without my name. "
                    + "What stays is anonymous: that a match took place, for the figures.")
    public void erase(@Valid @Body EraseRequest eraseRequest, Authentication authentication) {
        long accountId = CurrentUser.of(authentication).accountId();
        auth.confirmPassword(accountId, eraseRequest.password());
        profiles.eraseSelf(accountId);
    }

    @Post("/participants/{id}/erase")
    @Secured(Role.Names.COORDINATOR)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Erase a participant at their request (for example someone without email, through their makelaar)",
            description = "Cannot be undone; as a resident erasing themself, with running matches ended on the makelaar's side.")
    public void eraseParticipant(@PathVariable long id, Authentication authentication) {
        profiles.erase(id, CurrentUser.of(authentication).accountId(), true);
    }

    @Get("/me/export")
    @Secured(Role.Names.RESIDENT)
    @Operation(summary = "Everything Noaber keeps about me, as one JSON document")
    public HttpResponse<Map<String, Object>> export(Authentication authentication) {
        long accountId = CurrentUser.of(authentication).accountId();
        Participant participant = profiles.ownParticipant(accountId);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("exportedAt", Instant.now().toString());
        file.put("profile", profiles.toView(participant));
        for (OwnDataSection section : sections) {
            file.put(section.name(), section.export(participant));
        }
        return HttpResponse.ok(file)
                .header("Content-Disposition", "attachment; filename=\"noaber-export.json\"");
    }
}
