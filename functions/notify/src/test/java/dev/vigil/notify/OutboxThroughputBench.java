package dev.vigil.notify;

import dev.vigil.core.testing.Sql;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

/** Not a test (no *Test name): run by infra/bench/notify-throughput.sh. Prints delivery rates and event-to-SMTP latency. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxThroughputBench extends NotifyScenario {

    static final int HOSTS = Integer.getInteger("bench.hosts", 300);

    @Override
    protected Map<String, String> extraProperties() {
        // email + one webhook only, so each rate is measured alone
        return Map.of("vigil.notify.critical-receivers", "email,webhook", "vigil.notify.webhook.urls", webhookA.url("/bench"),
                "vigil.notify.claim-batch", "100");
    }

    @Test
    void measure() {
        for (int i = 0; i < HOSTS; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        notify.runOnce();
        clock.advance(Duration.ofSeconds(31));
        long t0 = System.nanoTime();
        notify.runOnce();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sent = Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT'");
        System.out.printf("BENCH outbox run: %d items (%d email, %d webhook) in %.2fs%n", sent,
                mails().length / COPIES_PER_EMAIL, webhookA.successes(), seconds);
        System.out.printf("BENCH email rate %.0f msg/s, webhook rate %.0f msg/s (parallel workers, same run)%n",
                mails().length / COPIES_PER_EMAIL / seconds, webhookA.successes() / seconds);
    }
}
