package nl.noaber.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import nl.noaber.support.TestDatabase;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class AuthTest extends IntegrationTest {

    @Test
    void aResidentRegistersLogsInAndSeesTheirProfile() {
        Person anna = api().resident("Anna de Jong");
        Map<?, ?> profile = api().get("/api/me/profile", anna);
        assertThat(profile.get("displayName")).isEqualTo("Anna de Jong");
        assertThat(profile.get("email")).isEqualTo(anna.email());
    }

    @Test
    void weakCommonOrMalformedRegistrationsAreRefusedAndNothingIsStored() {
        String email = Fixtures.uniqueEmail("weak");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", "kort", "displayName", "X")))
                .isProblem(400).names("password", "MinLength");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", "wachtwoord123", "displayName", "X")))
                .isProblem(400).names("password", "NotCommon");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", "x".repeat(129) + "yz", "displayName", "X")))
                .isProblem(400).names("password", "MaxLength");
        api().fails(() -> api().post("/api/register", null, Map.of("email", "not-an-email", "password", Fixtures.PASSWORD, "displayName", "X")))
                .isProblem(400).names("email", "Email");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "")))
                .isProblem(400).names("displayName", "NotBlank");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "x".repeat(81))))
                .isProblem(400).names("displayName", "Size");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "Wim\u0007")))
                .isProblem(400).names("displayName", "PlainText");
        api().fails(() -> api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "Wim",
                "preferredLanguage", "de"))).isProblem(400).names("preferredLanguage", "Pattern");
        // None of those left an account behind: the email is still free.
        api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "Wim"));
        api().fails(() -> api().post("/api/register", null, Map.of("email", email.toUpperCase(), "password", Fixtures.PASSWORD, "displayName", "Wim")))
                .isProblem(409);
    }

    /** Two sign-ups with one address at the same moment: one account, and a 409 for the other (it was a 500). */
    @Test
    void twoSignUpsWithOneAddressAtOnceMakeOneAccount() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String email = Fixtures.uniqueEmail("tegelijk");
                var start = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<java.util.concurrent.Future<Integer>> tries = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            api().post("/api/register", null, Map.of("email", email, "password", Fixtures.PASSWORD, "displayName", "Tegelijk"));
                            return 200;
                        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                            return e.getStatus().getCode();
                        }
                    }));
                }
                java.util.List<Integer> statuses = new java.util.ArrayList<>();
                for (var t : tries) {
                    statuses.add(t.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongPassphraseOfSixtyFourCharactersIsAccepted() {
        String email = Fixtures.uniqueEmail("long");
        String passphrase = "de kat krabt de krullen van de trap en de hond blaft er vrolijk bij 1234";
        assertThat(passphrase.length()).isGreaterThanOrEqualTo(64);
        api().post("/api/register", null, Map.of("email", email, "password", passphrase, "displayName", "Lang"));
        assertThat(api().post("/api/auth/login", null, Map.of("email", email, "password", passphrase)).get("status"))
                .isEqualTo("AUTHENTICATED");
    }

    @Test
    void wrongPasswordsAreRefusedAndThenTheEmailIsLocked() {
        Person bob = api().resident("Bob");
        for (int i = 0; i < 5; i++) {
            api().fails(() -> api().post("/api/auth/login", null, Map.of("email", bob.email(), "password", "Verkeerd-wachtwoord-1")))
                    .isProblem(401);
        }
        var locked = api().fails(() -> api().post("/api/auth/login", null, Map.of("email", bob.email(), "password", bob.password())))
                .isProblem(429);
        assertThat(Long.parseLong(locked.retryAfter())).isPositive();
        // Unknown emails are throttled the same way, so locking tells nobody who has an account.
        String ghost = Fixtures.uniqueEmail("ghost");
        for (int i = 0; i < 5; i++) {
            api().fails(() -> api().post("/api/auth/login", null, Map.of("email", ghost, "password", "Verkeerd-wachtwoord-1")))
                    .isProblem(401);
        }
        api().fails(() -> api().post("/api/auth/login", null, Map.of("email", ghost, "password", "Verkeerd-wachtwoord-1")))
                .isProblem(429);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() {
        Person carla = api().resident("Carla");
        Map<?, ?> second = api().post("/api/auth/refresh", null, Map.of("refreshToken", carla.refreshToken()));
        assertThat(second.get("refreshToken")).isNotEqualTo(carla.refreshToken());
        Person renewed = new Person(carla.accountId(), carla.participantId(), carla.email(), carla.password(),
                (String) second.get("accessToken"), (String) second.get("refreshToken"));
        assertThat(api().get("/api/me/profile", renewed).get("displayName")).isEqualTo("Carla");

        // The old refresh token again: someone copied it. The whole session ends.
        api().fails(() -> api().post("/api/auth/refresh", null, Map.of("refreshToken", carla.refreshToken())))
                .isProblem(401);
        api().fails(() -> api().get("/api/me/profile", renewed)).isProblem(401);
        api().fails(() -> api().post("/api/auth/refresh", null, Map.of("refreshToken", renewed.refreshToken())))
                .isProblem(401);
    }

    @Test
    void logoutEndsAccessAndRefresh() {
        Person dirk = api().resident("Dirk");
        api().exchange(HttpRequest.POST("/api/auth/logout", ""), dirk);
        api().fails(() -> api().get("/api/me/profile", dirk)).isProblem(401);
        api().fails(() -> api().post("/api/auth/refresh", null, Map.of("refreshToken", dirk.refreshToken()))).isProblem(401);
    }

    @Test
    void noTokenOrAGarbledOneIs401() {
        api().fails(() -> api().get("/api/me/profile", null)).isProblem(401);
        Person forged = new Person(1, 1L, "x", "x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bm90LXNpZ25lZA", "x");
        api().fails(() -> api().get("/api/me/profile", forged)).isProblem(401);
        api().fails(() -> api().post("/api/auth/logout", null, Map.of())).isProblem(401);
    }

    @Test
    void staffEnrolATotpSecondFactorAndCannotReplayACode() {
        Person coordinator = api().coordinator();
        String email = Fixtures.uniqueEmail("makelaar");
        api().post("/api/accounts", coordinator, Map.of("email", email, "password", Fixtures.PASSWORD, "role", "MAKELAAR"));

        Map<?, ?> step1 = api().post("/api/auth/login", null, Map.of("email", email, "password", Fixtures.PASSWORD));
        assertThat(step1.get("status")).isEqualTo("TOTP_ENROLMENT_REQUIRED");
        assertThat(step1.get("accessToken")).isNull();
        String secret = (String) step1.get("totpSecret");
        assertThat((String) step1.get("otpauthUri")).startsWith("otpauth://totp/Noaber").contains("secret=" + secret);

        api().fails(() -> api().post("/api/auth/totp", null, Map.of("mfaToken", step1.get("mfaToken"), "code", "000000")))
                .isProblem(401).names("code", "Totp");
        String code = Totp.code(secret, Totp.step(Instant.now()));
        Map<?, ?> tokens = api().post("/api/auth/totp", null, Map.of("mfaToken", step1.get("mfaToken"), "code", code));
        assertThat(tokens.get("status")).isEqualTo("AUTHENTICATED");
        assertThat(tokens.get("role")).isEqualTo("MAKELAAR");

        // Enrolled now: the next login asks for a code, and the same code does not work twice.
        Map<?, ?> again = api().post("/api/auth/login", null, Map.of("email", email, "password", Fixtures.PASSWORD));
        assertThat(again.get("status")).isEqualTo("TOTP_REQUIRED");
        assertThat(again.get("totpSecret")).isNull();
        api().fails(() -> api().post("/api/auth/totp", null, Map.of("mfaToken", again.get("mfaToken"), "code", code)))
                .isProblem(401);
        // A used-up challenge cannot be replayed either.
        api().fails(() -> api().post("/api/auth/totp", null, Map.of("mfaToken", step1.get("mfaToken"), "code", code)))
                .isProblem(401);
    }

    /**
     * Two first logins of one makelaar at the same moment (two tabs, a double tap): both show the one
     * secret that was stored. Each used to store its own, so one of them showed a secret that no code of
     * the authenticator app would ever match.
     */
    @Test
    void twoFirstLoginsAtOnceShowTheOneStoredSecret() throws Exception {
        String email = Fixtures.uniqueEmail("tweelogins");
        long accountId = ((Number) api().post("/api/accounts", api().coordinator(),
                Map.of("email", email, "password", Fixtures.PASSWORD, "role", "MAKELAAR")).get("id")).longValue();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            // Holds the account's row as a write does, so that both logins queue at their enrolment.
            TestDatabase.query(other, "SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE", accountId);
            java.util.List<java.util.concurrent.Future<Map<String, Object>>> logins = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                logins.add(pool.submit(() -> api().post("/api/auth/login", null, Map.of("email", email, "password", Fixtures.PASSWORD))));
            }
            TestDatabase.awaitBlockedBehind(other, 2);
            other.commit();
            String first = (String) logins.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS).get("totpSecret");
            String second = (String) logins.get(1).get(60, java.util.concurrent.TimeUnit.SECONDS).get("totpSecret");
            assertThat(first).isNotNull().isEqualTo(second);
            try (var ps = other.prepareStatement("SELECT totp_secret FROM account WHERE id = ?")) {
                ps.setLong(1, accountId);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(first);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A code typed at the moment a coordinator resets the makelaar's second factor (a lost phone) opens no
     * session: the code was checked against a secret that is gone by the time it is claimed.
     */
    @Test
    void aCodeTypedWhileTheSecondFactorIsResetOpensNoSession() throws Exception {
        String email = Fixtures.uniqueEmail("verlorentelefoon");
        long accountId = ((Number) api().post("/api/accounts", api().coordinator(),
                Map.of("email", email, "password", Fixtures.PASSWORD, "role", "MAKELAAR")).get("id")).longValue();
        Map<?, ?> step1 = api().post("/api/auth/login", null, Map.of("email", email, "password", Fixtures.PASSWORD));
        String code = Totp.code((String) step1.get("totpSecret"), Totp.step(Instant.now()));
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            // As the reset does: the row first, then the secret gone.
            TestDatabase.query(other, "SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE", accountId);
            TestDatabase.query(other, "UPDATE account SET totp_secret = NULL, totp_confirmed = false, totp_last_step = NULL "
                    + "WHERE id = ? RETURNING id", accountId);
            var typed = pool.submit(() -> api().fails(() -> api().post("/api/auth/totp", null,
                    Map.of("mfaToken", step1.get("mfaToken"), "code", code))));
            TestDatabase.awaitSomeoneBlockedBehind(other);
            other.commit();
            typed.get(60, java.util.concurrent.TimeUnit.SECONDS).isProblem(401);
            assertThat(TestDatabase.query(other, "SELECT count(*) FROM account WHERE id = ? AND (totp_confirmed OR totp_secret IS NOT NULL)",
                    accountId)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyCoordinatorsManageAccounts() {
        Person resident = api().resident("Eva");
        Person makelaar = api().staff("MAKELAAR");
        Map<String, Object> body = Map.of("email", Fixtures.uniqueEmail("x"), "password", Fixtures.PASSWORD, "role", "MAKELAAR");
        api().fails(() -> api().post("/api/accounts", null, body)).isProblem(401);
        api().fails(() -> api().post("/api/accounts", resident, body)).isProblem(403);
        api().fails(() -> api().post("/api/accounts", makelaar, body)).isProblem(403);
        api().fails(() -> api().getList("/api/accounts", makelaar)).isProblem(403);
        api().fails(() -> api().post("/api/accounts/" + resident.accountId() + "/disable", resident, Map.of())).isProblem(403);
        api().fails(() -> api().post("/api/accounts", api().coordinator(),
                Map.of("email", Fixtures.uniqueEmail("r"), "password", Fixtures.PASSWORD, "role", "RESIDENT")))
                .isProblem(400).names("role", "StaffRole");
        api().fails(() -> api().post("/api/accounts", api().coordinator(),
                Map.of("email", Fixtures.uniqueEmail("r"), "password", Fixtures.PASSWORD, "role", "KING")))
                .isProblem(400);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAtOnce() {
        Person frank = api().resident("Frank");
        Person coordinator = api().coordinator();
        Map<?, ?> disabled = api().post("/api/accounts/" + frank.accountId() + "/disable", coordinator, Map.of());
        assertThat(disabled.get("enabled")).isEqualTo(false);
        api().fails(() -> api().get("/api/me/profile", frank)).isProblem(401);
        api().fails(() -> api().post("/api/auth/refresh", null, Map.of("refreshToken", frank.refreshToken()))).isProblem(401);
        api().fails(() -> api().post("/api/auth/login", null, Map.of("email", frank.email(), "password", frank.password())))
                .isProblem(403);
        api().post("/api/accounts/" + frank.accountId() + "/enable", coordinator, Map.of());
        assertThat(api().post("/api/auth/login", null, Map.of("email", frank.email(), "password", frank.password())).get("status"))
                .isEqualTo("AUTHENTICATED");
        api().fails(() -> api().post("/api/accounts/" + coordinator.accountId() + "/disable", coordinator, Map.of()))
                .isProblem(409);
        api().fails(() -> api().post("/api/accounts/999999999/disable", coordinator, Map.of())).isProblem(404);
    }
}
