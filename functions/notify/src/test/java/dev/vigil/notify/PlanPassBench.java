package dev.vigil.notify;

import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

/**
 * Not a test (no *Test name): run by infra/bench/notify-plan.sh. The cost of a planning pass on
 * MariaDB with many firing alerts and the scenario's receivers (email, Slack, Telegram, two webhooks):
 * the pass that announces them all (enqueues only; delivery is notify-throughput.sh's), and the
 * steady-state pass every tick makes when nothing is due (state is re-read at each flush: the price
 * of muting at send time).
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanPassBench extends NotifyScenario {

    static final int HOSTS = Integer.getInteger("bench.hosts", 500);
    static final int ALERTS_PER_HOST = Integer.getInteger("bench.alerts-per-host", 4);

    @Inject
    NotificationPlanner planner;

    @Test
    void measure() {
        for (int h = 0; h < HOSTS; h++) {
            for (int a = 0; a < ALERTS_PER_HOST; a++) {
                alerts.fire(Spec.of("host-" + h, "CheckFailed", a % 2 == 0 ? "critical" : "warning", 0, 1)
                        .labels(Map.of("check", "c" + a)).hostLabels(Map.of("team", "t" + h % 10)));
            }
        }
        clock.advance(Duration.ofSeconds(31));
        long t0 = System.nanoTime();
        NotificationPlanner.PlanResult first = planner.plan();
        long announce = System.nanoTime() - t0;
        long idleTotal = 0;
        int idleRuns = 5;
        for (int i = 0; i < idleRuns; i++) {
            clock.advance(Duration.ofSeconds(10));
            long s = System.nanoTime();
            planner.plan();
            idleTotal += System.nanoTime() - s;
        }
        System.out.printf("BENCH plan pass, %d firing alerts on %d hosts: announcing pass %d ms (%d messages), idle pass %d ms (mean of %d)%n",
                HOSTS * ALERTS_PER_HOST, HOSTS, announce / 1_000_000, first.total(), idleTotal / idleRuns / 1_000_000, idleRuns);
    }
}
