package nl.noaber.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.noaber.web.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** For unit tests: a call refuses its input as a 400 naming this field and rule, as the API would answer. */
public final class InvalidInput {
    private InvalidInput() {}

    public static void assertInvalid(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).as("errors of %s", e.problem())
                    .anySatisfy(error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(error.rule()).isEqualTo(rule);
                    });
        });
    }
}
