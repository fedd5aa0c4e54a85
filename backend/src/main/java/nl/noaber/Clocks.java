package nl.noaber;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** One clock for the whole app, so tests can set the time where it matters (TOTP). */
@Factory
public class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
