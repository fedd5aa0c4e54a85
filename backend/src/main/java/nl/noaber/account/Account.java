package nl.noaber.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("account")
public record Account(
        @Id @GeneratedValue @Nullable Long id,
        String email,
        String emailNormalized,
        String passwordHash,
        Role role,
        boolean enabled,
        @Nullable String totpSecret,
        boolean totpConfirmed,
        @Nullable Long totpLastStep,
        @Nullable Long createdBy,
        @DateCreated @Nullable Instant createdAt,
        @Nullable Instant disabledAt) {

    public static Account create(String email, String passwordHash, Role role, @Nullable Long createdBy) {
        return new Account(null, email.trim(), normalise(email), passwordHash, role, true, null, false, null,
                createdBy, null, null);
    }

    public static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
