package dev.vigil.notify;

import dev.vigil.core.testing.Sql;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.email.EmailNotifier;
import dev.vigil.notify.email.EmailRenderer;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.outbox.OutboxDispatcher;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import dev.vigil.notify.testing.StatementCounter;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Not a test (no *Test name): run by infra/bench/notify-throughput.sh. Plans HOSTS critical
 * alerts (one email + one webhook item each), then times ROUNDS delivery passes of those items, each
 * alternating with a baseline pass: the same messages sent straight to GreenMail over one SMTP
 * connection opened by the pass (each composed in the product's MIME shape just before it is sent;
 * the text rendered up front) and, at the same time, straight to the webhook receiver with an
 * identically configured HttpClient. Both passes are timed the same way, from the pass's start to the
 * moment the watchers see the last message arrive. The figures are the median ratios.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxThroughputBench extends NotifyScenario {

    static final int HOSTS = Integer.getInteger("bench.hosts", 300);
    /** Measured rounds; product and baseline alternate which goes first, and the median ratio is the figure. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** -Dbench.profile=true: sample the delivery threads' stacks every few ms and print the hottest frames. */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");

    @Inject
    NotificationPlanner planner;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    ObjectMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        // Counts the delivery threads' statements: a figure load cannot move.
        p.computeIfPresent("datasources.default.url", (k, url) -> url + "&queryInterceptors=" + StatementCounter.class.getName());
        return p;
    }

    @Override
    protected Map<String, String> extraProperties() {
        // email + one webhook only, so each rate is measured alone
        return Map.of("vigil.notify.critical-receivers", "email,webhook", "vigil.notify.webhook.urls", webhookA.url("/bench"),
                "vigil.notify.claim-batch", "100");
    }

    /** Rates of one round, messages per second. */
    record Rates(double email, double hook) {
    }

    @Test
    void measure() throws Exception {
        // Warm-up (JIT, connection pools) on both paths, then the measured rounds over the same planned items.
        plan(Math.min(50, HOSTS));
        deliver(Math.min(50, HOSTS));
        raw();
        alerts.clear();
        double planSeconds = plan(HOSTS);
        System.out.printf("BENCH plan: %d hosts grouped in %.2fs (%.0f hosts/s)%n", HOSTS, planSeconds, HOSTS / planSeconds);

        List<Double> emailRatios = new ArrayList<>();
        List<Double> hookRatios = new ArrayList<>();
        Rates lastVigil = null;
        Rates lastRaw = null;
        for (int r = 0; r < ROUNDS; r++) {
            Rates vigil;
            Rates raw;
            if (r % 2 == 0) {
                vigil = deliver(HOSTS);
                raw = raw();
            } else {
                raw = raw();
                vigil = deliver(HOSTS);
            }
            emailRatios.add(vigil.email() / raw.email());
            hookRatios.add(vigil.hook() / raw.hook());
            System.out.printf("BENCH round %d: email vigil %.0f / raw %.0f msg/s = %.2f; webhook vigil %.0f / raw %.0f msg/s = %.2f%n",
                    r + 1, vigil.email(), raw.email(), vigil.email() / raw.email(), vigil.hook(), raw.hook(), vigil.hook() / raw.hook());
            lastVigil = vigil;
            lastRaw = raw;
        }
        printCosts();
        double email = median(emailRatios);
        double hook = median(hookRatios);
        System.out.printf("BENCH email:   vigil %.0f msg/s, raw jakarta-mail (one connection per pass, pre-rendered) %.0f msg/s, median ratio %.2f"
                + " over %d rounds%n", lastVigil.email(), lastRaw.email(), email, ROUNDS);
        System.out.printf("BENCH webhook: vigil %.0f msg/s, raw HttpClient (pre-serialised) %.0f msg/s, median ratio %.2f over %d rounds%n",
                lastVigil.hook(), lastRaw.hook(), hook, ROUNDS);
        System.out.printf("FIGURE\tnotify_email_vs_smtp\t%.0f\tmsg/s\t%.0f\t%.2f\t0.7%n", lastVigil.email(), lastRaw.email(), email);
        System.out.printf("FIGURE\tnotify_webhook_vs_http\t%.0f\tmsg/s\t%.0f\t%.2f\t0.7%n", lastVigil.hook(), lastRaw.hook(), hook);
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private double plan(int hosts) {
        for (int i = 0; i < hosts; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        planner.plan();
        clock.advance(Duration.ofSeconds(31));
        long t0 = System.nanoTime();
        planner.plan();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Puts every planned item back to its first attempt, so each round delivers the same messages. */
    private void resetOutbox() {
        Sql.execute(dataSource, "UPDATE notify_outbox SET status = 'PENDING', attempts = 0, sent_at = NULL, last_attempt_at = NULL,"
                + " last_error = NULL, claimed_by = NULL, claim_until = NULL");
        purgeMail();
        webhookA.reset();
    }

    /** One delivery pass of the product: each worker's own finish time, so one rate is not bounded by the other receiver. */
    private Rates deliver(int hosts) throws Exception {
        resetOutbox();
        StackSampler sampler = PROFILE ? StackSampler.start("notify-deliver") : null;
        // The fixed part of a pass (receivers due, first claim, connection) shows as the wait for the first message.
        PassWatch watch = PassWatch.start(this, hosts, hosts);
        long statements = StatementCounter.count();
        long t0 = System.nanoTime();
        OutboxDispatcher.DispatchResult result = dispatcher.dispatch();
        double deliverSeconds = (System.nanoTime() - t0) / 1e9;
        statements = StatementCounter.count() - statements;
        PassTimes times = watch.since(t0);
        double emailSeconds = times.email();
        double hookSeconds = times.hook();
        double firstMailSeconds = times.firstEmail();
        double firstHookSeconds = times.firstHook();
        if (sampler != null) {
            sampler.stopAndPrint();
        }
        long sent = Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT'");
        if (sent != 2L * hosts || mails().length != hosts * COPIES_PER_EMAIL || webhookA.requests().size() != hosts) {
            throw new IllegalStateException("delivery pass lost or doubled messages: " + sent + " SENT, " + mails().length + " mails, "
                    + webhookA.requests().size() + " posts");
        }
        System.out.printf("BENCH deliver: %d items marked SENT (%s) in %.2fs; email worker done after %.2fs, webhook worker after %.2fs"
                + " (in parallel), first email after %.3fs, first webhook after %.3fs; %d statements from delivery threads,"
                + " %.3f per message%n", sent, result, deliverSeconds, emailSeconds, hookSeconds, firstMailSeconds, firstHookSeconds,
                statements, statements / (double) sent);
        return new Rates(hosts / emailSeconds, hosts / hookSeconds);
    }

    /** Done when the mailbox of one recipient (each mail has a copy for it) holds {@code expected} mails; cheap to poll. */
    private BooleanSupplier mailboxCount(String address, int expected) {
        return () -> {
            try {
                var user = smtp.getUserManager().getUserByEmail(address);
                return user != null && smtp.getManagers().getImapHostManager().getInbox(user).getMessageCount() >= expected;
            } catch (Exception e) {
                return false;
            }
        };
    }

    /**
     * The baseline: the same messages, rendered / serialised up front, sent straight to the same receivers. Both
     * streams run at once, as the product's two delivery workers do, so each side has the same company on the CPU.
     */
    private Rates raw() throws Exception {
        List<Notification> emailed = payloads("email");
        List<Notification> hooked = payloads("webhook-0");
        resetOutbox();
        Runnable smtpSender = rawSmtp(emailed);
        Runnable hookSender = rawWebhook(hooked);
        // Timed by the same watchers as the product's pass, so both pay the same polling and finish the same way.
        PassWatch watch = PassWatch.start(this, emailed.size(), hooked.size());
        long t0 = System.nanoTime();
        CompletableFuture<Void> email = CompletableFuture.runAsync(smtpSender);
        CompletableFuture<Void> hook = CompletableFuture.runAsync(hookSender);
        email.get();
        hook.get();
        PassTimes times = watch.since(t0);
        if (mails().length != emailed.size() * COPIES_PER_EMAIL || webhookA.successes() != hooked.size()) {
            throw new IllegalStateException("raw baseline lost messages");
        }
        System.out.printf("BENCH raw: email done after %.2fs, webhook after %.2fs, first email after %.3fs, first webhook after %.3fs%n",
                times.email(), times.hook(), times.firstEmail(), times.firstHook());
        return new Rates(emailed.size() / times.email(), hooked.size() / times.hook());
    }

    /** When each stream of a pass finished, and when its first message arrived, seconds from the pass's start. */
    record PassTimes(double email, double hook, double firstEmail, double firstHook) {
    }

    /** The four watchers of one pass: the same for the product's pass and the baseline's. */
    record PassWatch(FinishWatch email, FinishWatch hook, FinishWatch firstEmail, FinishWatch firstHook) {
        static PassWatch start(OutboxThroughputBench bench, int emails, int hooks) {
            return new PassWatch(FinishWatch.start(bench.mailboxCount("lead@example.com", emails)),
                    FinishWatch.start(() -> bench.webhookA.successes() >= hooks),
                    FinishWatch.start(bench.mailboxCount("lead@example.com", 1)),
                    FinishWatch.start(() -> bench.webhookA.successes() >= 1));
        }

        PassTimes since(long t0) throws InterruptedException {
            return new PassTimes(email.secondsSince(t0), hook.secondsSince(t0), firstEmail.secondsSince(t0), firstHook.secondsSince(t0));
        }
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

    /**
     * CPU per message of each step the product does and the baseline does up front (best of 5 passes, one thread):
     * where the gap between the two comes from when the receivers themselves are equally fast.
     */
    private void printCosts() throws Exception {
        List<String> raw = new ArrayList<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload FROM notify_outbox WHERE receiver = 'email' ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(rs.getString(1));
                }
            }
        }
        Session session = Session.getInstance(new Properties());
        EmailRenderer renderer = new EmailRenderer();
        long[] best = new long[6];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int pass = 0; pass < 5; pass++) {
            long[] t = new long[6];
            for (String payload : raw) {
                long a = System.nanoTime();
                Notification n = json.readValue(payload, Notification.class);
                long b = System.nanoTime();
                EmailRenderer.RenderedEmail r = renderer.render(n, clock.millis());
                long c = System.nanoTime();
                MimeMessage m = EmailNotifier.compose(session, "vigil@example.com", List.of("ops@example.com", "dba@example.com"),
                        List.of("lead@example.com"), r, clock.millis());
                m.saveChanges();
                long d = System.nanoTime();
                m.writeTo(java.io.OutputStream.nullOutputStream());
                long e = System.nanoTime();
                json.writeValueAsString(AlertmanagerWebhookPayload.of(n, "webhook-0", "https://vigil.example", 0));
                long f = System.nanoTime();
                t[0] += b - a;
                t[1] += c - b;
                t[2] += d - c;
                t[3] += e - d;
                t[4] += f - e;
            }
            for (int i = 0; i < 5; i++) {
                best[i] = Math.min(best[i], t[i] / raw.size());
            }
        }
        System.out.printf("BENCH cost per message (us, one thread, best of 5): read payload %d, render email %d, compose MIME %d,"
                + " write MIME %d (the baseline's only email step), webhook JSON %d%n",
                best[0] / 1000, best[1] / 1000, best[2] / 1000, best[3] / 1000, best[4] / 1000);
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

    /**
     * The same emails, rendered up front (the product's templating is its own work) and sent over one authenticated
     * SMTP connection opened by the pass, as a plain jakarta-mail program sends them: each message composed with the
     * product's MIME shape (multipart/alternative and the same headers) and saved just before it goes out.
     */
    private Runnable rawSmtp(List<Notification> notifications) throws Exception {
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
        List<EmailRenderer.RenderedEmail> rendered = new ArrayList<>();
        for (Notification n : notifications) {
            rendered.add(renderer.render(n, clock.millis()));
        }
        return () -> {
            try (Transport t = session.getTransport("smtp")) {
                t.connect();
                for (int i = 0; i < rendered.size(); i++) {
                    Notification n = notifications.get(i);
                    MimeMessage m = EmailNotifier.compose(session, "vigil@example.com", List.of("ops@example.com", "dba@example.com"),
                            List.of("lead@example.com"), rendered.get(i), clock.millis());
                    m.setHeader("X-Vigil-Group", n.groupKey());
                    m.setHeader("X-Vigil-Kind", n.kind().name());
                    m.saveChanges();
                    t.sendMessage(m, m.getAllRecipients());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The same webhook bodies, serialised up front, to be posted one after the other like one delivery worker. */
    private Runnable rawWebhook(List<Notification> notifications) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (Notification n : notifications) {
            bodies.add(json.writeValueAsString(AlertmanagerWebhookPayload.of(n, "webhook-0", "https://vigil.example", 0)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI uri = URI.create(webhookA.url("/bench"));
        return () -> {
            try {
                for (String body : bodies) {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("raw webhook baseline got HTTP " + r.statusCode());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
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
