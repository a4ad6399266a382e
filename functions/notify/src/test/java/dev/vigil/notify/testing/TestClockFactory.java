package dev.vigil.notify.testing;

import dev.vigil.core.time.AdjustableClock;
import dev.vigil.core.time.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** Scenario tests play hours of group waits, repeats and backoffs by moving this clock. */
@Factory
@Requires(env = "test")
public class TestClockFactory {

    public static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Singleton
    @Replaces(value = Clock.class, factory = ClockFactory.class)
    AdjustableClock adjustableClock() {
        return new AdjustableClock(START);
    }
}
