package nl.noaber.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** The SHA-1 test vectors of RFC 6238, appendix B (8 digits). */
    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
            "2000000000,69279037", "20000000000,65353130"})
    void matchesRfc6238(long time, String expected) {
        assertThat(Totp.code(RFC_SEED, time / 30, "HmacSHA1", 8)).isEqualTo(expected);
    }

    @Test
    void base32RoundTripsAndVerifiesWithinOneStepOfDrift() {
        String secret = Totp.base32(RFC_SEED);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32(secret)).isEqualTo(RFC_SEED);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step + 3), now)).isEmpty();
        assertThat(Totp.verify(secret, "12345", now)).isEmpty();
        assertThat(Totp.verify(secret, null, now)).isEmpty();
    }
}
