import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest throughput: samples/s stored through HTTP (POST /api/v1/samples, batches of 1,000, several
 * concurrent senders) against raw JDBC batch inserts of the same number of rows into the same
 * database in the same run. Run by ingest-throughput.sh, which starts the server.
 *
 * args: baseUrl jdbcUrl adminToken senders batchesPerSender [rounds] [serverPid] [warm-up batches per sender]
 * With the server's pid, also the server's CPU time per batch (a count of work that machine load barely
 * changes, unlike the rates).
 */
public class IngestBench {

    static final int BATCH = 1_000;
    static final int SERIES_PER_BATCH = 50;
    static final int WARMUP_BATCHES = 100;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        String admin = args[2];
        int senders = Integer.parseInt(args[3]);
        int batches = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<String> tokens = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-" + s + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
            if (!m.find()) {
                throw new IllegalStateException("cannot register host: " + created.body());
            }
            tokens.add(m.group(1));
        }
        long t0 = 1_763_000_000_000L;

        // Warm-up (JIT, connection pools, series dictionary) on both paths, not timed: a few thousand requests,
        // as a long-running server has seen, so the rounds do not time the JIT compiling the request path.
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : WARMUP_BATCHES;
        runHttp(http, base, tokens, warmup, t0 - 86_400_000L, null);
        runJdbc(jdbc, senders, warmup, 9_000_000, t0 - 86_400_000L);

        // Alternate the two paths for several rounds, so background load hits both alike; report medians.
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        long serverPid = args.length > 6 ? Long.parseLong(args[6]) : -1;
        long serverCpuMillis = 0;
        List<Double> rawRates = new ArrayList<>();
        List<Double> httpRates = new ArrayList<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long total = (long) senders * batches * BATCH;
        for (int r = 0; r < rounds; r++) {
            long roundT0 = t0 + r * 86_400_000L;
            long rawStart = System.nanoTime();
            runJdbc(jdbc, senders, batches, 1_000_000 + r * 100_000L, roundT0);
            rawRates.add(total / ((System.nanoTime() - rawStart) / 1e9));
            long cpuBefore = cpuMillis(serverPid);
            long httpStart = System.nanoTime();
            runHttp(http, base, tokens, batches, roundT0, latencies);
            httpRates.add(total / ((System.nanoTime() - httpStart) / 1e9));
            long roundCpu = cpuMillis(serverPid) - cpuBefore;
            serverCpuMillis += roundCpu;
            System.out.printf("round %d: raw_jdbc=%.0f/s http=%.0f/s ratio=%.2f%s%n", r + 1, rawRates.get(r), httpRates.get(r),
                    httpRates.get(r) / rawRates.get(r), serverPid > 0
                            ? String.format(" server_cpu_ms_per_batch=%.2f", roundCpu / (double) (senders * batches)) : "");
        }
        double rawRate = median(rawRates);
        double httpRate = median(httpRates);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("samples_per_round=%d senders=%d batch=%d rounds=%d%n", total, senders, BATCH, rounds);
        System.out.printf("raw_jdbc_batch_rows_per_s=%.0f (median)%n", rawRate);
        System.out.printf("http_ingest_samples_per_s=%.0f (median)%n", httpRate);
        System.out.printf("ratio_http_over_raw=%.2f%n", httpRate / rawRate);
        System.out.printf("post_1000_latency_ms p50=%.1f p99=%.1f max=%.1f (all rounds)%n",
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        if (serverPid > 0) {
            System.out.printf("server_cpu_ms_per_batch=%.2f (user+system of the ingest process during the HTTP rounds)%n",
                    serverCpuMillis / (double) ((long) rounds * senders * batches));
        }
        System.out.printf("FIGURE\tingest_http_vs_jdbc\t%.0f\tsamples/s\t%.0f\t%.2f\t0.7%n", httpRate, rawRate, httpRate / rawRate);
    }

    /** User + system CPU time of a process from /proc (Linux), in milliseconds; 0 when unknown. */
    static long cpuMillis(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime in 100 Hz ticks
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static void runHttp(HttpClient http, String base, List<String> tokens, int batches, long t0, List<Long> latencies)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < tokens.size(); s++) {
            int sender = s;
            List<byte[]> bodies = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                bodies.add(json("bench-" + sender, t0 + b * 20_000L));
            }
            done.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    byte[] body = bodies.get(b);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/samples"))
                            .header("Authorization", "Bearer " + tokens.get(sender))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - start);
                    }
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** 50 series x 20 timestamps, like 20 agent intervals of a busy host. */
    static byte[] json(String host, long t0) {
        StringBuilder sb = new StringBuilder(80_000).append("{\"host\":\"").append(host).append("\",\"samples\":[");
        int n = 0;
        for (int t = 0; t < BATCH / SERIES_PER_BATCH; t++) {
            for (int s = 0; s < SERIES_PER_BATCH; s++) {
                sb.append(n++ == 0 ? "" : ",")
                        .append("{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/m").append(s)
                        .append("\",\"fstype\":\"ext4\"},\"ts\":").append(t0 + t * 1_000L)
                        .append(",\"value\":").append(40 + (s + t) % 50).append(".5}");
            }
        }
        return sb.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The baseline: the same rows, JDBC batches of 1,000 with rewriteBatchedStatements, one connection per sender. */
    static void runJdbc(String jdbc, int senders, int batches, long seriesBase, long t0) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            long firstSeries = seriesBase + s * 1_000L;
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(jdbc)) {
                    for (int b = 0; b < batches; b++) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT IGNORE INTO samples (series_id, ts, value) VALUES (?,?,?)")) {
                            long bt = t0 + b * 20_000L;
                            for (int t = 0; t < BATCH / SERIES_PER_BATCH; t++) {
                                for (int i = 0; i < SERIES_PER_BATCH; i++) {
                                    ps.setLong(1, firstSeries + i);
                                    ps.setLong(2, bt + t * 1_000L);
                                    ps.setDouble(3, 40.5 + (i + t) % 50);
                                    ps.addBatch();
                                }
                            }
                            ps.executeBatch();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
