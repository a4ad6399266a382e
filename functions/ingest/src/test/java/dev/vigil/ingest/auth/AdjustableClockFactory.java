package dev.vigil.ingest.auth;

import dev.vigil.core.time.AdjustableClock;
import dev.vigil.core.time.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** Lets a test play a block's expiry in milliseconds; only in contexts that ask for it. */
@Factory
@Requires(property = AdjustableClockFactory.PROPERTY, value = "true")
class AdjustableClockFactory {

    static final String PROPERTY = "test.adjustable-clock";

    @Singleton
    @Replaces(value = Clock.class, factory = ClockFactory.class)
    AdjustableClock adjustableClock() {
        return new AdjustableClock(Instant.now());
    }
}
