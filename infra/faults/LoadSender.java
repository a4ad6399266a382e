import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's sender: behaves like the agent (every batch is kept and re-sent until ingest answers 202,
 * Retry-After honoured), and counts exactly what it sent and what was acknowledged.
 *
 * java infra/faults/LoadSender.java --urls http://127.0.0.1:P[,http://…] --admin-token T --prefix fault-db
 *      [--hosts 4] [--batch 20] [--interval-ms 250] [--duration-s 60] [--drain-s 120] [--alert] --out summary.properties
 *
 * Each host posts a batch every interval: --batch metrics fault_load_N at one fresh timestamp; with --alert
 * also disk_used_percent{mount="/data"} = 95 (DiskSpaceLow, critical). Batches go round-robin over the URLs
 * (a failing URL is retried on the next, like a load balancer). After --duration-s no new batches are made and
 * the unacknowledged ones are retried for up to --drain-s.
 */
public final class LoadSender {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> urls;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong attemptsFailed = new AtomicLong();
    private final AtomicLong batchesUnacked = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private int next;

    private LoadSender(List<String> urls) {
        this.urls = urls;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--alert")) {
                a.put("alert", "true");
            } else {
                a.put(args[i].substring(2), args[++i]);
            }
        }
        LoadSender s = new LoadSender(List.of(a.get("urls").split(",")));
        int hosts = Integer.parseInt(a.getOrDefault("hosts", "4"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "20"));
        long interval = Long.parseLong(a.getOrDefault("interval-ms", "250"));
        long durationMs = Long.parseLong(a.getOrDefault("duration-s", "60")) * 1000;
        long drainMs = Long.parseLong(a.getOrDefault("drain-s", "120")) * 1000;
        boolean alert = a.containsKey("alert");
        String prefix = a.get("prefix");

        List<Thread> threads = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int h = 0; h < hosts; h++) {
            String host = prefix + "-" + h;
            String token = s.register(host, a.get("admin-token"));
            Thread t = new Thread(() -> s.run(host, token, batch, interval, alert, start + durationMs, start + durationMs + drainMs));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        String out = "sent=" + s.sent + "\nacked=" + s.acked + "\naccepted=" + s.accepted + "\nduplicates=" + s.duplicates
                + "\nfailed_attempts=" + s.attemptsFailed + "\nunacked_batches=" + s.batchesUnacked
                + "\nstatuses=" + new java.util.TreeMap<>(s.statuses) + "\n";
        Files.writeString(Path.of(a.get("out")), out);
        System.out.print(out);
    }

    private synchronized String nextUrl() {
        return urls.get(next++ % urls.size());
    }

    private String register(String host, String adminToken) throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            String url = nextUrl();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/hosts"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + host + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = TOKEN.matcher(r.body());
                if (r.statusCode() == 201 && m.find()) {
                    return m.group(1);
                }
                System.err.println("register " + host + ": HTTP " + r.statusCode() + " " + r.body());
            } catch (IOException e) {
                System.err.println("register " + host + ": " + e);
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("cannot register " + host);
    }

    private void run(String host, String token, int batch, long interval, boolean alert, long stopMaking, long giveUp) {
        long lastTs = 0;
        try {
            while (System.currentTimeMillis() < stopMaking) {
                long ts = Math.max(lastTs + 1, System.currentTimeMillis());
                lastTs = ts;
                StringBuilder body = new StringBuilder("{\"host\":\"").append(host).append("\",\"samples\":[");
                for (int i = 0; i < batch; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"metric\":\"fault_load_").append(i)
                            .append("\",\"ts\":").append(ts).append(",\"value\":").append(ts % 1000).append('}');
                }
                int count = batch;
                if (alert) {
                    body.append(",{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/data\",\"fstype\":\"ext4\"},\"ts\":")
                            .append(ts).append(",\"value\":95}");
                    count++;
                }
                body.append("]}");
                sent.addAndGet(count);
                deliver(token, body.toString(), count, giveUp);
                Thread.sleep(interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until 202 or giveUp, like the agent's spool: a batch is never dropped for a server-side failure. */
    private void deliver(String token, String body, int count, long giveUp) throws InterruptedException {
        long backoff = 250;
        while (System.currentTimeMillis() < giveUp) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nextUrl() + "/api/v1/samples"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                if (r.statusCode() == 202) {
                    acked.addAndGet(count);
                    accepted.addAndGet(number(ACCEPTED, r.body()));
                    duplicates.addAndGet(number(DUPLICATES, r.body()));
                    return;
                }
                if (r.statusCode() == 400 || r.statusCode() == 401 || r.statusCode() == 403) {
                    System.err.println("rejected for good: HTTP " + r.statusCode() + " " + r.body());
                }
                long retryAfter = r.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                backoff = Math.max(Math.min(retryAfter, 5000), backoff);
            } catch (IOException e) {
                statuses.computeIfAbsent(0, k -> new AtomicLong()).incrementAndGet(); // 0: no answer
            }
            attemptsFailed.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 4000);
        }
        batchesUnacked.incrementAndGet();
    }

    private static long number(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
