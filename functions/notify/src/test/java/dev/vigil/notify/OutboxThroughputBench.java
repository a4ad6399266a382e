package dev.vigil.notify;

import dev.vigil.core.testing.Sql;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.email.EmailNotifier;
import dev.vigil.notify.email.EmailRenderer;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.outbox.OutboxDispatcher;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import dev.vigil.notify.webhook.AlertmanagerWebhookPayload;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test (no *Test name): run by infra/bench/notify-throughput.sh. Plans HOSTS critical
 * alerts (one email + one webhook item each), then times one delivery pass against a baseline
 * from the same run: the same messages sent straight to GreenMail over one SMTP connection and
 * straight to the webhook receiver with an identically configured HttpClient.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxThroughputBench extends NotifyScenario {

    static final int HOSTS = Integer.getInteger("bench.hosts", 300);
    /** -Dbench.profile=true: sample the delivery threads' stacks every few ms and print the hottest frames. */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");

    @Inject
    NotificationPlanner planner;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    ObjectMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        // email + one webhook only, so each rate is measured alone
        return Map.of("vigil.notify.critical-receivers", "email,webhook", "vigil.notify.webhook.urls", webhookA.url("/bench"),
                "vigil.notify.claim-batch", "100");
    }

    @Test
    void measure() throws Exception {
        // Warm-up round (JIT, connection pools) on both paths, then the measured round from a clean state.
        round(Math.min(50, HOSTS), false);
        alerts.clear();
        purgeMail();
        webhookA.reset();
        round(HOSTS, true);
    }

    private void round(int hosts, boolean print) throws Exception {
        for (int i = 0; i < hosts; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        planner.plan();
        clock.advance(Duration.ofSeconds(31));
        long t0 = System.nanoTime();
        planner.plan();
        double planSeconds = (System.nanoTime() - t0) / 1e9;

        StackSampler sampler = PROFILE && print ? StackSampler.start("notify-deliver") : null;
        // Each worker's own finish time, so the two rates are not bounded by the slower receiver.
        FinishWatch emailDone = FinishWatch.start(() -> mails().length >= hosts * COPIES_PER_EMAIL);
        FinishWatch hookDone = FinishWatch.start(() -> webhookA.successes() >= hosts);
        t0 = System.nanoTime();
        OutboxDispatcher.DispatchResult result = dispatcher.dispatch();
        double deliverSeconds = (System.nanoTime() - t0) / 1e9;
        double emailSeconds = emailDone.secondsSince(t0);
        double hookSeconds = hookDone.secondsSince(t0);
        if (sampler != null) {
            sampler.stopAndPrint();
        }
        long sent = Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT'");
        int emails = mails().length / COPIES_PER_EMAIL;
        int hooks = webhookA.successes();

        List<Notification> emailed = payloads("email");
        List<Notification> hooked = payloads("webhook-0");
        double rawEmail = rawSmtp(emailed);
        double rawHook = rawWebhook(hooked);
        if (!print) {
            return;
        }
        double vigilEmail = emails / emailSeconds;
        double vigilHook = hooks / hookSeconds;
        System.out.printf("BENCH plan: %d hosts grouped in %.2fs (%.0f hosts/s)%n", hosts, planSeconds, hosts / planSeconds);
        System.out.printf("BENCH deliver: %d items marked SENT (%s) in %.2fs; email worker done after %.2fs, webhook worker after %.2fs"
                + " (in parallel)%n", sent, result, deliverSeconds, emailSeconds, hookSeconds);
        System.out.printf("BENCH email:   vigil %.0f msg/s, raw jakarta-mail (one connection, pre-rendered) %.0f msg/s, ratio %.2f%n",
                vigilEmail, rawEmail, vigilEmail / rawEmail);
        System.out.printf("BENCH webhook: vigil %.0f msg/s, raw HttpClient (pre-serialised) %.0f msg/s, ratio %.2f%n",
                vigilHook, rawHook, vigilHook / rawHook);
    }

    /** Polls a condition every millisecond and remembers when it first held. */
    static final class FinishWatch {
        private volatile long doneAt;
        private final Thread thread;

        private FinishWatch(java.util.function.BooleanSupplier done) {
            thread = new Thread(() -> {
                while (!done.getAsBoolean()) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                doneAt = System.nanoTime();
            }, "bench-finish-watch");
            thread.setDaemon(true);
            thread.start();
        }

        static FinishWatch start(java.util.function.BooleanSupplier done) {
            return new FinishWatch(done);
        }

        double secondsSince(long t0) throws InterruptedException {
            thread.join(10_000);
            return doneAt == 0 ? Double.NaN : (doneAt - t0) / 1e9;
        }
    }

    private List<Notification> payloads(String receiver) throws Exception {
        List<Notification> out = new ArrayList<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload FROM notify_outbox WHERE receiver = ? ORDER BY id")) {
            ps.setString(1, receiver);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(json.readValue(rs.getString(1), Notification.class));
                }
            }
        }
        return out;
    }

    /** The same emails, rendered and composed up front, sent over one authenticated SMTP connection. */
    private double rawSmtp(List<Notification> notifications) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        p.setProperty("mail.smtp.auth", "true");
        Session session = Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("vigil", SMTP_PASSWORD);
            }
        });
        EmailRenderer renderer = new EmailRenderer();
        List<MimeMessage> messages = new ArrayList<>();
        for (Notification n : notifications) {
            EmailRenderer.RenderedEmail r = renderer.render(n, clock.millis());
            MimeMessage m = EmailNotifier.compose(session, "vigil@example.com", List.of("ops@example.com", "dba@example.com"),
                    List.of("lead@example.com"), r, clock.millis());
            m.saveChanges();
            messages.add(m);
        }
        purgeMail();
        long t0 = System.nanoTime();
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            for (MimeMessage m : messages) {
                t.sendMessage(m, m.getAllRecipients());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (mails().length != messages.size() * COPIES_PER_EMAIL) {
            throw new IllegalStateException("raw SMTP baseline lost mail");
        }
        return messages.size() / seconds;
    }

    /** The same webhook bodies, serialised up front, posted one after the other like one delivery worker. */
    private double rawWebhook(List<Notification> notifications) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (Notification n : notifications) {
            bodies.add(json.writeValueAsString(AlertmanagerWebhookPayload.of(n, "webhook-0", "https://vigil.example", 0)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI uri = URI.create(webhookA.url("/bench"));
        webhookA.reset();
        long t0 = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("raw webhook baseline got HTTP " + r.statusCode());
            }
        }
        return bodies.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** A poor man's profiler: counts the innermost interesting frame of the named threads. */
    static final class StackSampler {
        private final Map<String, LongAdder> hits = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private StackSampler(String threadPrefix) {
            thread = new Thread(() -> {
                while (running.get()) {
                    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                        if (e.getKey().getName().startsWith(threadPrefix) && e.getValue().length > 0) {
                            String frame = describe(e.getValue());
                            if (frame.endsWith("<- ?")) {
                                continue; // an idle pool thread
                            }
                            hits.computeIfAbsent(frame, k -> new LongAdder()).increment();
                        }
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        static StackSampler start(String threadPrefix) {
            return new StackSampler(threadPrefix);
        }

        private static String describe(StackTraceElement[] stack) {
            StackTraceElement leaf = stack[0];
            StackTraceElement vigil = null;
            for (StackTraceElement f : stack) {
                if (f.getClassName().startsWith("dev.vigil")) {
                    vigil = f;
                    break;
                }
            }
            return leaf.getClassName() + "." + leaf.getMethodName() + " <- "
                    + (vigil == null ? "?" : vigil.getClassName().replace("dev.vigil.notify.", "") + "." + vigil.getMethodName()
                    + ":" + vigil.getLineNumber());
        }

        void stopAndPrint() throws InterruptedException {
            running.set(false);
            thread.join();
            long total = hits.values().stream().mapToLong(LongAdder::sum).sum();
            hits.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .limit(12).forEach(e -> System.out.printf("BENCH profile %4.1f%% %s%n", 100.0 * e.getValue().sum() / total, e.getKey()));
        }
    }
}
