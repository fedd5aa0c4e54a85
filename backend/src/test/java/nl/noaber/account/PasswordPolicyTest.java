package nl.noaber.account;

import static nl.noaber.support.InvalidInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private static final String EMAIL = "jan.jansen@example.nl";
    /** Characters outside the Basic Multilingual Plane: one code point, two Java chars each. */
    private static final String[] EMOJI = {"😀", "🚲", "🌻", "🏠", "🔑", "🐕", "🍎", "🌧"};

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"Zonnebloem-Fiets-42", "acht-tkn", "correct horse battery staple", "fietsbel-in-de-regen"})
    void aLongUncommonPasswordIsFine(String password) {
        assertThatCode(() -> policy.check("password", password, EMAIL)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aPasswordIsNeeded(String password) {
        assertInvalid(() -> policy.check("password", password, EMAIL), "password", "NotBlank");
    }

    @Test
    void theMinimumLengthCountsCharactersNotJavaChars() {
        String sevenEmoji = emoji(7);
        assertThat(sevenEmoji.length()).isEqualTo(14);
        assertInvalid(() -> policy.check("password", sevenEmoji, EMAIL), "password", "MinLength");
        assertInvalid(() -> policy.check("password", "abcdefg", EMAIL), "password", "MinLength");
        assertThatCode(() -> policy.check("password", emoji(PasswordPolicy.MIN_LENGTH), EMAIL)).doesNotThrowAnyException();
    }

    @Test
    void theMaximumLengthCountsCharactersNotJavaChars() {
        String longest = emoji(PasswordPolicy.MAX_LENGTH);
        assertThat(longest.length()).isEqualTo(2 * PasswordPolicy.MAX_LENGTH);
        assertThatCode(() -> policy.check("password", longest, EMAIL)).doesNotThrowAnyException();
        assertInvalid(() -> policy.check("password", emoji(PasswordPolicy.MAX_LENGTH + 1), EMAIL), "password", "MaxLength");
        assertInvalid(() -> policy.check("password", "fiets-".repeat(22), EMAIL), "password", "MaxLength");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "Password1", "wachtwoord", "WachtWoord123", "Welkom123", "HAARLEM1",
            "qwertyuiop"})
    void commonPasswordsAreRefusedInAnyCase(String password) {
        assertInvalid(() -> policy.check("password", password, EMAIL), "password", "NotCommon");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaa", "abababababab", "!?!?!?!?!?"})
    void fewerThanThreeDifferentCharactersCountAsCommon(String password) {
        assertInvalid(() -> policy.check("password", password, EMAIL), "password", "NotCommon");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jan.jansen-2026", "Mijn-JAN.JANSEN", "xxjan.jansenxx"})
    void thePasswordMustNotContainTheEmailName(String password) {
        assertInvalid(() -> policy.check("account.password", password, EMAIL), "account.password", "NotEmail");
    }

    @Test
    void shortEmailNamesAndMissingEmailsAreNotChecked() {
        // "bob" is too short to be a telling part of a password.
        assertThatCode(() -> policy.check("password", "bob-de-bouwer-99", "bob@example.nl")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "bob-de-bouwer-99", null)).doesNotThrowAnyException();
    }

    private static String emoji(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(EMOJI[i % EMOJI.length]);
        }
        return sb.toString();
    }
}
