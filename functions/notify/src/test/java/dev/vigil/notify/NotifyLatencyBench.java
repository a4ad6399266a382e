package dev.vigil.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.notify.testing.AlertFixture;
import dev.vigil.notify.testing.AlertFixture.Spec;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not a test (no *Test name): run by infra/bench/notify-latency.sh. Event-to-email latency with the
 * real clock and the real {@link NotifySchedule} at its local period: alerts are written as evaluate
 * would (alert row + FIRING event), spread over one schedule period, and each latency is from the
 * event's timestamp to GreenMail accepting the email.
 */
class NotifyLatencyBench {

    static final int ALERTS = Integer.getInteger("bench.alerts", 5);
    static final String INTERVAL = System.getProperty("bench.interval", "10s");
    static final List<String> GROUP_WAITS = List.of(System.getProperty("bench.group-waits", "30s,10s,0s").split(","));

    @Test
    void measure() throws Exception {
        for (String groupWait : GROUP_WAITS) {
            measure(groupWait.trim());
        }
    }

    private void measure(String groupWait) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, Object> p = new HashMap<>(TestDatabase.freshMysql());
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put("javamail.properties.mail.smtp.port", String.valueOf(port));
        p.put("vigil.notify.email.to", "ops@example.com");
        p.put("vigil.notify.schedule.enabled", "true");
        p.put("vigil.notify.schedule.interval", INTERVAL);
        p.put("vigil.notify.group-wait", groupWait);
        p.put("vigil.notify.critical-group-wait", groupWait);
        p.put("vigil.notify.evaluation-stale-check", "false");
        p.put("vigil.notify.critical-receivers", "email");
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        // No "test" environment: the real system clock, not the scenario tests' adjustable one.
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).environments("bench").properties(p).start()) {
            AlertFixture alerts = new AlertFixture(ctx.getBean(DataSource.class), Clock.systemUTC());
            Thread watch = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (MimeMessage m : smtp.getReceivedMessages()) {
                        try {
                            acceptedAt.putIfAbsent(m.getSubject().replaceAll("^\\[[A-Z]+\\] ([^:]+):.*$", "$1"), System.currentTimeMillis());
                        } catch (Exception ignored) {
                            // not a Vigil message
                        }
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-smtp-watch");
            watch.setDaemon(true);
            watch.start();
            long periodMillis = io.micronaut.core.convert.ConversionService.SHARED.convertRequired(INTERVAL, java.time.Duration.class).toMillis();
            Map<String, Long> firedAt = new HashMap<>();
            // Spread over one schedule period, so every phase of the schedule is sampled.
            for (int i = 0; i < ALERTS; i++) {
                String host = "lat-" + i;
                firedAt.put(host, System.currentTimeMillis());
                alerts.fire(Spec.of(host, "DatabaseDown", "critical", 0, 0));
                Thread.sleep(periodMillis / ALERTS + 137);
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (acceptedAt.size() < ALERTS && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            watch.interrupt();
            List<Long> latencies = new ArrayList<>();
            for (Map.Entry<String, Long> e : firedAt.entrySet()) {
                Long at = acceptedAt.get(e.getKey());
                latencies.add(at == null ? -1 : at - e.getValue());
            }
            latencies.sort(null);
            double mean = latencies.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
            System.out.printf("BENCH event-to-email latency group-wait=%s schedule=%s: n=%d min %.1fs median %.1fs mean %.1fs max %.1fs  all(s)=%s%n",
                    groupWait, INTERVAL, latencies.size(), latencies.get(0) / 1000.0, latencies.get(latencies.size() / 2) / 1000.0,
                    mean, latencies.get(latencies.size() - 1) / 1000.0,
                    latencies.stream().map(l -> String.format("%.1f", l / 1000.0)).toList());
        } finally {
            smtp.stop();
        }
    }
}
