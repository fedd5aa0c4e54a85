package nl.noaber.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text people write (titles, reasons, notes, messages): no control characters but tab, line feed
 * and carriage return. A NUL cannot be stored in PostgreSQL text at all, and the others show as
 * nothing while passing {@code @NotBlank}, so a reason of one U+0001 would read as no reason.
 * Null is left to {@code @NotNull}/{@code @NotBlank}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {
    String message() default "no control characters (only tab and line breaks)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule. */
    @Singleton
    final class Validator implements ConstraintValidator<PlainText, CharSequence> {
        @Override
        public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<PlainText> annotation,
                               @NonNull ConstraintValidatorContext context) {
            return value == null || plain(value);
        }

        public static boolean plain(CharSequence value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                    return false;
                }
            }
            return true;
        }
    }
}
