package nl.noaber.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
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
