package nl.noaber.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findByEmailNormalized(String emailNormalized);

    boolean existsByEmailNormalized(String emailNormalized);

    boolean existsByRole(Role role);

    List<Account> findByRoleOrderByEmailNormalized(Role role);

    List<Account> findAllOrderByEmailNormalized();

    @Query("UPDATE account SET enabled = :enabled, disabled_at = CASE WHEN :enabled THEN NULL ELSE now() END WHERE id = :id")
    int setEnabled(long id, boolean enabled);

    @Query("UPDATE account SET totp_secret = :secret, totp_confirmed = false, totp_last_step = NULL WHERE id = :id")
    int startTotpEnrolment(long id, String secret);

    /**
     * Stores a new secret only where the account has none, so that of two first logins at the same moment
     * one writes and the other, finding 0 rows, reads the secret that won (both then show the same one).
     */
    @Query("UPDATE account SET totp_secret = :secret, totp_confirmed = false, totp_last_step = NULL WHERE id = :id AND totp_secret IS NULL")
    int enrolTotpIfNone(long id, String secret);

    @Query("UPDATE account SET totp_secret = NULL, totp_confirmed = false, totp_last_step = NULL WHERE id = :id")
    int resetTotp(long id);

    /** Erasing: the address becomes a placeholder, the password and second factor are gone, the account disabled. */
    @Query("""
            UPDATE account SET email = :placeholder, email_normalized = :placeholder, password_hash = '!erased',
                   enabled = false, disabled_at = coalesce(disabled_at, now()),
                   totp_secret = NULL, totp_confirmed = false, totp_last_step = NULL
             WHERE id = :id
            """)
    int erase(long id, String placeholder);

    @Query("SELECT language FROM account WHERE id = :id")
    Optional<String> findLanguageById(long id);

    @Query("UPDATE account SET language = :language WHERE id = :id")
    int setLanguage(long id, String language);

    /**
     * Records the time step of an accepted TOTP code, once: a code cannot be used twice, not even
     * on another instance at the same moment. Only while the account still has the secret the code was
     * checked against: a reset (or a new enrolment) in between makes it 0 rows.
     */
    @Query("""
            UPDATE account SET totp_last_step = :step, totp_confirmed = true
             WHERE id = :id AND totp_secret = :secret AND (totp_last_step IS NULL OR totp_last_step < :step)
            """)
    int claimTotpStep(long id, String secret, long step);
}
