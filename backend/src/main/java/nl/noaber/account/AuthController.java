package nl.noaber.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.noaber.web.PlainText;

@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
public class AuthController {
    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 254) @PlainText String email, @NotBlank @Size(max = 1024) String password) {}

    @Serdeable
    public record SecondFactorRequest(@NotBlank @Size(max = 100) @PlainText String mfaToken,
                                      @NotBlank @Pattern(regexp = "^[0-9]{6}$", message = "six digits") String code) {}

    @Serdeable
    public record RefreshRequest(@NotBlank @Size(max = 100) @PlainText String refreshToken) {}

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Log in with email and password",
            description = "Residents get tokens at once; makelaars and coordinators continue at /api/auth/totp. "
                    + "Repeated failures lock the email address for a while (429 with Retry-After).")
    public AuthResponse login(@Valid @Body LoginRequest loginRequest) {
        return auth.login(loginRequest.email(), loginRequest.password());
    }

    @Post("/totp")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Second step for staff: the six-digit code of the authenticator app")
    public AuthResponse totp(@Valid @Body SecondFactorRequest secondFactorRequest) {
        return auth.completeSecondFactor(secondFactorRequest.mfaToken(), secondFactorRequest.code());
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Swap a refresh token for new tokens; each refresh token works once")
    public AuthResponse refresh(@Valid @Body RefreshRequest refreshRequest) {
        return auth.refresh(refreshRequest.refreshToken());
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "End this session: its refresh token and access tokens stop working")
    public void logout(Authentication authentication) {
        auth.logout(CurrentUser.of(authentication));
    }
}
