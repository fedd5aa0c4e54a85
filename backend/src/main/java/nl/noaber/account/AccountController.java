package nl.noaber.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import nl.noaber.web.ApiException;
import nl.noaber.web.PlainText;

/** Coordinators manage staff accounts: makelaars and other coordinators. */
@Controller("/api/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.Names.COORDINATOR)
@Tag(name = "Accounts")
public class AccountController {
    private final AuthService auth;
    private final AccountRepository accounts;

    public AccountController(AuthService auth, AccountRepository accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    @Serdeable
    public record CreateStaffRequest(
            @NotBlank @Email @Size(max = 254) @PlainText String email,
            @NotBlank @Size(max = 1024) String password,
            @NotNull Role role) {}

    /** An account without its secrets. */
    @Serdeable
    public record AccountView(long id, String email, Role role, boolean enabled, boolean secondFactorEnrolled,
                              @Nullable Instant createdAt, @Nullable Instant disabledAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.email(), a.role(), a.enabled(), a.totpConfirmed(), a.createdAt(), a.disabledAt());
        }
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a makelaar or coordinator account; they enrol a second factor at first login")
    public HttpResponse<AccountView> create(@Valid @Body CreateStaffRequest createStaffRequest, Authentication authentication) {
        if (createStaffRequest.role() == Role.RESIDENT) {
            throw ApiException.invalid("role", "StaffRole", "residents register themselves; choose MAKELAAR or COORDINATOR");
        }
        var account = auth.createAccount(createStaffRequest.email(), createStaffRequest.password(),
                createStaffRequest.role(), CurrentUser.of(authentication).accountId());
        return HttpResponse.created(AccountView.of(account), URI.create("/api/accounts/" + account.id()));
    }

    @Get("{?role}")
    public List<AccountView> list(@Nullable @QueryValue Role role) {
        var found = role == null ? accounts.findAllOrderByEmailNormalized() : accounts.findByRoleOrderByEmailNormalized(role);
        return found.stream().map(AccountView::of).toList();
    }

    @Get("/{id}")
    public AccountView get(@PathVariable long id) {
        return accounts.findById(id).map(AccountView::of).orElseThrow(() -> ApiException.notFound("Account " + id));
    }

    @Post("/{id}/disable")
    @Operation(summary = "Disable an account: its sessions end at once")
    public AccountView disable(@PathVariable long id, Authentication authentication) {
        return AccountView.of(auth.setEnabled(CurrentUser.of(authentication), id, false));
    }

    @Post("/{id}/enable")
    public AccountView enable(@PathVariable long id, Authentication authentication) {
        return AccountView.of(auth.setEnabled(CurrentUser.of(authentication), id, true));
    }

    @Post("/{id}/reset-second-factor")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Forget the authenticator of a staff member; they enrol again at their next login")
    public void resetSecondFactor(@PathVariable long id) {
        auth.resetSecondFactor(id);
    }
}
