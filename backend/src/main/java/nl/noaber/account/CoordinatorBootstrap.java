package nl.noaber.account;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import nl.noaber.db.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first coordinator comes from configuration ({@code noaber.bootstrap.coordinator.*}) on a
 * database that has none; later coordinators are created by a coordinator.
 */
@Singleton
@Requires(property = "noaber.bootstrap.coordinator.email")
public class CoordinatorBootstrap implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorBootstrap.class);
    private static final long LOCK_KEY = 0x6e6f616265720002L;

    private final AccountRepository accounts;
    private final AuthService auth;
    private final Db db;
    private final String email;
    private final String password;
    private final String totpSecret;

    public CoordinatorBootstrap(AccountRepository accounts, AuthService auth, Db db,
                                @Value("${noaber.bootstrap.coordinator.email}") String email,
                                @Value("${noaber.bootstrap.coordinator.password}") String password,
                                @Nullable @Value("${noaber.bootstrap.coordinator.totp-secret:}") String totpSecret) {
        this.accounts = accounts;
        this.auth = auth;
        this.db = db;
        this.email = email;
        this.password = password;
        this.totpSecret = totpSecret;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bootstrap();
    }

    @Transactional
    public void bootstrap() {
        db.advisoryLock(LOCK_KEY);
        if (accounts.existsByRole(Role.COORDINATOR)) {
            return;
        }
        var account = auth.createAccount(email, password, Role.COORDINATOR, null);
        if (totpSecret != null && !totpSecret.isBlank()) {
            // Pre-enrolled authenticator, for demo installations whose README gives the secret.
            accounts.startTotpEnrolment(account.id(), totpSecret);
        }
        LOG.info("Created the first coordinator {}", email);
    }
}
