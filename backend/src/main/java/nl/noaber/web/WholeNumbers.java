package nl.noaber.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Whole numbers in request bodies stay whole: an id, a radius or a capacity sent as 12.7 is refused
 * (400, the body named, the value in the detail) instead of being cut to 12, which for an id would
 * act on another record than the one meant. A number with only zeros after the point (12.0) is the
 * whole number it is; one beyond the type's range is refused too. Query and path values are
 * converted elsewhere and refused by name ({@code Type}).
 */
public final class WholeNumbers {
    private WholeNumbers() {}

    private static BigDecimal read(Decoder decoder) throws IOException {
        return decoder.decodeBigDecimal();
    }

    private static IOException refused(Decoder decoder, Argument<?> type, BigDecimal value) {
        return decoder.createDeserializationException("not a whole number within range for " + type.getSimpleName()
                + ": " + value.toPlainString(), value);
    }

    /** {@code Long} and {@code long} properties. */
    @Singleton
    public static class Longs implements Deserializer<Long> {
        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            BigDecimal value = read(decoder);
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw refused(decoder, type, value);
            }
        }
    }

    /** {@code Integer} and {@code int} properties. */
    @Singleton
    public static class Ints implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            BigDecimal value = read(decoder);
            try {
                return value.intValueExact();
            } catch (ArithmeticException e) {
                throw refused(decoder, type, value);
            }
        }
    }
}
