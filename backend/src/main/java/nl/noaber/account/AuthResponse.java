package nl.noaber.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to a login step. {@code status} says what comes next:
 * {@code AUTHENTICATED} (tokens included), {@code TOTP_REQUIRED} (send a code with the mfaToken)
 * or {@code TOTP_ENROLMENT_REQUIRED} (add the secret to an authenticator app, then send a code).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthResponse(
        Status status,
        @Nullable String accessToken,
        @Nullable String refreshToken,
        @Nullable String tokenType,
        @Nullable Long expiresIn,
        @Nullable Long accountId,
        @Nullable Role role,
        @Nullable String mfaToken,
        @Nullable String totpSecret,
        @Nullable String otpauthUri) {

    public enum Status { AUTHENTICATED, TOTP_REQUIRED, TOTP_ENROLMENT_REQUIRED }

    static AuthResponse tokens(String access, String refresh, long expiresIn, long accountId, Role role) {
        return new AuthResponse(Status.AUTHENTICATED, access, refresh, "Bearer", expiresIn, accountId, role, null, null, null);
    }

    static AuthResponse totpRequired(String mfaToken) {
        return new AuthResponse(Status.TOTP_REQUIRED, null, null, null, null, null, null, mfaToken, null, null);
    }

    static AuthResponse enrolment(String mfaToken, String secret, String uri) {
        return new AuthResponse(Status.TOTP_ENROLMENT_REQUIRED, null, null, null, null, null, null, mfaToken, secret, uri);
    }
}
