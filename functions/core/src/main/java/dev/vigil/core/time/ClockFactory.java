package dev.vigil.core.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Time is injected everywhere so scenario tests can replace it with an {@link AdjustableClock}. */
@Factory
public class ClockFactory {

    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
