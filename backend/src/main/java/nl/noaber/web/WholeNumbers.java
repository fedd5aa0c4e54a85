package nl.noaber.web;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Whole numbers in request bodies stay whole: an id, a radius or a capacity sent as 12.7 is refused
 * (400, the body named, the value in the detail) instead of being cut to 12, which for an id would
 * act on another record than the one meant. A number with only zeros after the point (12.0) is the
 * whole number it is; one beyond the type's range is refused too. Query and path values are
 * converted elsewhere and refused by name ({@code Type}).
 *
 * @param <T> the whole-number type
 */
public abstract class WholeNumbers<T> implements Deserializer<T> {
    private final Function<BigDecimal, T> exact;

    WholeNumbers(Function<BigDecimal, T> exact) {
        this.exact = exact;
    }

    @Override
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        BigDecimal value = decoder.decodeBigDecimal();
        try {
            return exact.apply(value);
        } catch (ArithmeticException e) {
            throw decoder.createDeserializationException("not a whole number within range for " + type.getSimpleName()
                    + ": " + shown(value), value);
        }
    }

    /**
     * The value as the client can recognise it, in a few characters: plain where that is short, else
     * in scientific notation (1e999999999 written out plainly is a billion digits, enough to exhaust
     * the heap).
     */
    static String shown(BigDecimal value) {
        long digitsBeforePoint = (long) value.precision() - value.scale();
        return value.scale() <= 30 && digitsBeforePoint <= 30 ? value.toPlainString() : value.toString();
    }

    /** {@code Long} and {@code long} properties. */
    @Singleton
    public static class Longs extends WholeNumbers<Long> {
        public Longs() {
            super(BigDecimal::longValueExact);
        }
    }

    /** {@code Integer} and {@code int} properties. */
    @Singleton
    public static class Ints extends WholeNumbers<Integer> {
        public Ints() {
            super(BigDecimal::intValueExact);
        }
    }
}
