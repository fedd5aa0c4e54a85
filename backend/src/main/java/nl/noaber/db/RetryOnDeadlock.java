package nl.noaber.db;

import io.micronaut.retry.annotation.RetryPredicate;
import io.micronaut.retry.annotation.Retryable;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.SQLException;

/**
 * Runs a transactional method again, in a new transaction, when PostgreSQL broke a deadlock by
 * aborting it (SQLSTATE 40P01) or could not serialise it (40001). Two writers that lock the same
 * rows in opposite orders (erasing a helper, who locks their own row and then the requests of their
 * matches, while someone accepts that helper on one of those requests) then both succeed instead of
 * one of them getting a 500. The retry interceptor wraps the transaction interceptor (phase RETRY
 * before TRANSACTION), so every attempt is a whole transaction; nothing of a failed one remains.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Retryable(attempts = "4", delay = "20ms", multiplier = "2", jitter = "0.5", predicate = RetryOnDeadlock.Deadlock.class)
public @interface RetryOnDeadlock {
    /** Whether a failure is PostgreSQL giving up on a transaction that may well succeed when run again. */
    final class Deadlock implements RetryPredicate {
        @Override
        public boolean test(Throwable failure) {
            return is(failure);
        }

        /** Whether {@code failure}, or a cause of it, is a deadlock or serialisation failure. */
        public static boolean is(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                    return true;
                }
            }
            return false;
        }
    }
}
