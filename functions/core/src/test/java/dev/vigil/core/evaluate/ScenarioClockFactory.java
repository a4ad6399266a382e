package dev.vigil.core.evaluate;

import dev.vigil.core.time.AdjustableClock;
import dev.vigil.core.time.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** In the "scenario" environment time only moves when a test says so. */
@Factory
@Requires(env = "scenario")
public class ScenarioClockFactory {

    /** A fixed, recent start so cron windows and timestamps are reproducible. */
    public static final Instant START = Instant.parse("2026-11-15T00:00:00Z");

    @Singleton
    @Replaces(bean = Clock.class, factory = ClockFactory.class)
    AdjustableClock adjustableClock() {
        return new AdjustableClock(START);
    }
}
