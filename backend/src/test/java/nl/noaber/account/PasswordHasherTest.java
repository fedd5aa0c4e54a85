package nl.noaber.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAndASaltOfItsOwn() {
        String a = hasher.hash("Zonnebloem-Fiets-42");
        String b = hasher.hash("Zonnebloem-Fiets-42");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("Zonnebloem-Fiets-42", a)).isTrue();
        assertThat(hasher.verify("Zonnebloem-Fiets-43", a)).isFalse();
        assertThat(hasher.verify("Zonnebloem-Fiets-42", "$2a$10$notargon")).isFalse();
        assertThat(hasher.verifyDecoy("anything")).isFalse();
    }
}
