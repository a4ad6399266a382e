package dev.vigil.core;

import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.testing.MysqlTestProperties;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseManagerTest implements MysqlTestProperties {

    @Inject
    ConnectionOperations<Connection> connections;

    /** Expiry is decided on this clock, so a test moves time instead of sleeping. */
    AdjustableClock clock;
    LeaseManager leases;

    @BeforeEach
    void freshLeasesOnAnAdjustableClock() {
        clock = new AdjustableClock(Instant.parse("2026-11-15T00:00:00Z"));
        leases = new LeaseManager(connections, clock);
    }

    @Test
    void onlyOneOfManyConcurrentCallersGetsTheLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(() -> leases.tryAcquire("race", Duration.ofMinutes(1)).isPresent());
        }
        int winners = 0;
        for (Future<Boolean> f : pool.invokeAll(callers)) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
    }

    @Test
    void aReleasedLeaseCanBeTakenAgain() {
        var first = leases.tryAcquire("released", Duration.ofMinutes(1)).orElseThrow();
        assertTrue(leases.tryAcquire("released", Duration.ofMinutes(1)).isEmpty());
        first.close();
        assertTrue(leases.tryAcquire("released", Duration.ofMinutes(1)).isPresent());
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTtl() {
        var held = leases.tryAcquire("renewed", Duration.ofMillis(300)).orElseThrow();
        assertTrue(leases.renew(held, Duration.ofMinutes(1)));
        clock.advance(Duration.ofMillis(400));
        assertTrue(held.stillHeld());
        assertTrue(leases.tryAcquire("renewed", Duration.ofMinutes(1)).isEmpty(), "renewed lease is not up for grabs");
        assertTrue(held.renew(), "renewing twice in a row still reports held");
        assertTrue(held.renew());
        held.close();
        assertFalse(held.stillHeld());
        assertFalse(held.renew(), "a released lease cannot be renewed back");
    }

    @Test
    void aLeaseTakenOverAfterExpiryCannotBeRenewedOrReleasedByItsOldHolder() {
        var old = leases.tryAcquire("taken-over", Duration.ofMillis(100)).orElseThrow();
        clock.advance(Duration.ofMillis(200));
        assertFalse(old.stillHeld(), "expired");
        var current = leases.tryAcquire("taken-over", Duration.ofMinutes(1)).orElseThrow();
        assertFalse(old.renew(), "the old holder learns it lost the lease");
        assertFalse(old.stillHeld());
        old.close();
        assertTrue(current.stillHeld(), "the old holder's release does not free the new holder's lease");
        assertTrue(leases.tryAcquire("taken-over", Duration.ofMinutes(1)).isEmpty());
        assertTrue(current.renew());
    }

    @Test
    void anExpiredLeaseNobodyTookIsRenewedByItsHolder() {
        var held = leases.tryAcquire("late-renewal", Duration.ofMillis(50)).orElseThrow();
        clock.advance(Duration.ofMillis(150));
        assertFalse(held.stillHeld());
        assertTrue(leases.renew(held, Duration.ofMinutes(1)), "nobody took it in between, so it is still ours");
        assertTrue(held.stillHeld());
        assertTrue(leases.tryAcquire("late-renewal", Duration.ofMinutes(1)).isEmpty());
    }
}
