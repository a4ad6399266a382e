package dev.vigil.notify;

import dev.vigil.core.lease.LeaseManager;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanLeaseTest extends NotifyScenario {

    @Inject
    LeaseManager leases;
    @Inject
    NotificationPlanner planner;

    @Test
    void aPlannerKeepsItsLeaseByRenewingAndStopsOnceAnotherRunTookIt() {
        alerts.fire(Spec.of("db-1", "DatabaseDown", "critical", 0, 0));
        LeaseManager.Lease mine = leases.tryAcquire(NotifyRun.PLAN_LEASE, NotifyRun.PLAN_LEASE_TTL).orElseThrow();
        BooleanSupplier keeper = NotifyRun.keepAlive(mine, Duration.ZERO);

        clock.advance(Duration.ofSeconds(50));
        assertTrue(keeper.getAsBoolean(), "renewed before it ran out");
        clock.advance(Duration.ofSeconds(50));
        assertTrue(leases.tryAcquire(NotifyRun.PLAN_LEASE, NotifyRun.PLAN_LEASE_TTL).isEmpty(),
                "100 s after a 60 s lease was taken, the renewal still keeps others out");

        clock.advance(NotifyRun.PLAN_LEASE_TTL.plusSeconds(1));
        LeaseManager.Lease theirs = leases.tryAcquire(NotifyRun.PLAN_LEASE, NotifyRun.PLAN_LEASE_TTL).orElseThrow();
        assertFalse(keeper.getAsBoolean(), "the stalled planner learns it lost the lease");
        assertEquals(NotificationPlanner.PlanResult.NOTHING, planner.plan(keeper), "and plans nothing");
        assertTrue(theirs.stillHeld());
        assertTrue(planner.plan(NotifyRun.keepAlive(theirs)).firing() > 0, "the new holder plans what was left");
    }
}
