package dev.vigil.notify;

import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentNotifyRunsTest extends NotifyScenario {

    @Test
    void twoRunsOverTheSameOutboxSendEachMessageOnce() throws Exception {
        int hosts = 30;
        for (int i = 0; i < hosts; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        notify.runOnce();
        clock.advance(Duration.ofSeconds(31));
        webhookA.delay(Duration.ofMillis(5));
        CyclicBarrier start = new CyclicBarrier(3);
        Runnable run = () -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            notify.runOnce();
            notify.runOnce();
        };
        var a = CompletableFuture.runAsync(run);
        var b = CompletableFuture.runAsync(run);
        var c = CompletableFuture.runAsync(run);
        CompletableFuture.allOf(a, b, c).get();

        assertEquals(hosts, webhookA.requests().size());
        assertEquals(hosts, slack.requests().size());
        assertEquals(hosts, telegram.requests().size());
        assertEquals(hosts * COPIES_PER_EMAIL, mails().length);
        var bodies = new HashSet<String>();
        webhookA.requests().forEach(r -> bodies.add(r.body()));
        assertEquals(hosts, bodies.size(), "no message twice");
    }
}
