package dev.vigil.notify;

import dev.vigil.core.alert.AlertEventsRecorded;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off from evaluation: an {@link AlertEventsRecorded} event starts a notify pass at once
 * (the timer here is an hour away), and a burst of them never runs two passes at once nor sends twice.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationHandOffTest extends NotifyScenario {

    @Inject
    ApplicationEventPublisher<AlertEventsRecorded> events;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.notify.schedule.enabled", "true", "vigil.notify.schedule.interval", "1h",
                "vigil.notify.critical-group-wait", "0s");
    }

    @Test
    void recordedEventsStartAPassAtOnce() throws Exception {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 1));
        events.publishEvent(new AlertEventsRecorded(1, clock.millis()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (webhookA.requests().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, webhookA.requests().size(), "sent without waiting for the timer");
    }

    @Test
    void aBurstOfEventsSendsEachMessageOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 1));
        }
        CompletableFuture.allOf(IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.runAsync(() -> events.publishEvent(new AlertEventsRecorded(1, clock.millis()))))
                .toArray(CompletableFuture[]::new)).get();
        long deadline = System.currentTimeMillis() + 10_000;
        while (webhookA.requests().size() < 10 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(10, webhookA.requests().size());
        assertTrue(slack.requests().size() == 10 && telegram.requests().size() == 10);
    }
}
