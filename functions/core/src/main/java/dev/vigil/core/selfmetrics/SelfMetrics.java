package dev.vigil.core.selfmetrics;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.sample.Sample;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a function counts about itself, written as samples of host {@value #HOST} at most once per
 * {@code vigil.self-metrics.flush-interval} (1 minute): on a schedule where the process keeps running, and at the
 * end of every job run (evaluate, notify, housekeeping) where it does not (Lambda freezes between invocations).
 * Rates are per minute over the interval since the previous flush. Each function writes only what it saw: an
 * evaluate function writes no API figures, so it never overwrites ingest's with zeros.
 */
@Singleton
public class SelfMetrics {

    /** Vigil's own host. */
    public static final String HOST = SelfHost.NAME;

    public static final String API_REQUESTS = "vigil_api_requests_per_minute";
    public static final String API_ERRORS = "vigil_api_errors_per_minute";
    public static final String API_ERROR_PERCENT = "vigil_api_error_percent";
    public static final String API_LATENCY_P95 = "vigil_api_latency_p95_seconds";
    public static final String AUTH_REFUSALS = "vigil_api_refusals_per_minute";
    public static final String INGEST_REJECTED = "vigil_ingest_rejected_per_minute";
    public static final String JOB_RUN_SECONDS = "vigil_job_run_seconds";
    public static final String JOB_FAILURES = "vigil_job_failures";
    public static final String OUTBOX_DEPTH = "vigil_outbox_depth";
    public static final String OUTBOX_OLDEST_AGE = "vigil_outbox_oldest_undelivered_age_seconds";

    /** Latencies kept per interval for the p95; beyond this a uniform sample of them (reservoir sampling). */
    static final int LATENCY_RESERVOIR = 4096;
    static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx");
    private static final Logger LOG = LoggerFactory.getLogger(SelfMetrics.class);

    private final HostRegistry hosts;
    private final Provider<dev.vigil.core.sample.SampleBatchWriter> writer;
    private final List<SelfMetricSource> sources;
    private final SelfMetricsProperties properties;
    private final Clock clock;

    private final LongAdder[] requestsByClass = newAdders(STATUS_CLASSES.size());
    private final Map<Integer, LongAdder> refusals = Map.of(401, new LongAdder(), 403, new LongAdder(), 429, new LongAdder());
    private final LongAdder ingestRejected = new LongAdder();
    private final Object lock = new Object();
    private final Map<String, double[]> jobs = new java.util.TreeMap<>(); // job -> {max seconds, runs, failures}
    private final long[] latencies = new long[LATENCY_RESERVOIR];
    private long latencyCount;
    private volatile boolean servedHttp;
    private final AtomicLong intervalStart;
    /** Real time of the last write, for pacing (the sample clock may be a test's). */
    private final AtomicLong lastFlushNanos = new AtomicLong(System.nanoTime());

    public SelfMetrics(HostRegistry hosts, Provider<dev.vigil.core.sample.SampleBatchWriter> writer, List<SelfMetricSource> sources,
                       SelfMetricsProperties properties, Clock clock) {
        this.hosts = hosts;
        this.writer = writer;
        this.sources = sources;
        this.properties = properties;
        this.clock = clock;
        this.intervalStart = new AtomicLong(clock.millis());
    }

    /** One answered API request: its status and how long it took. */
    public void apiRequest(int status, long latencyMicros, boolean ingestWrite) {
        servedHttp = true;
        int cls = status / 100 - 2;
        if (cls >= 0 && cls < STATUS_CLASSES.size()) {
            requestsByClass[cls].increment();
        }
        LongAdder refused = refusals.get(status);
        if (refused != null) {
            refused.increment();
        }
        if (ingestWrite && status >= 400) {
            ingestRejected.increment();
        }
        synchronized (lock) {
            latencyCount++;
            if (latencyCount <= LATENCY_RESERVOIR) {
                latencies[(int) (latencyCount - 1)] = latencyMicros;
            } else {
                long slot = ThreadLocalRandom.current().nextLong(latencyCount);
                if (slot < LATENCY_RESERVOIR) {
                    latencies[(int) slot] = latencyMicros;
                }
            }
        }
    }

    /** One finished job run (evaluate, notify, housekeeping, ...). */
    public void jobRan(String job, long millis, boolean ok) {
        synchronized (lock) {
            double[] j = jobs.computeIfAbsent(job, k -> new double[3]);
            j[0] = Math.max(j[0], millis / 1000.0);
            j[1]++;
            if (!ok) {
                j[2]++;
            }
        }
    }

    /** Writes the figures when the flush interval has passed since the last write; never throws. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public void flushIfDue() {
        long last = lastFlushNanos.get();
        long now = System.nanoTime();
        if (now - last >= properties.getFlushInterval().toNanos() && lastFlushNanos.compareAndSet(last, now)) {
            flush();
        }
    }

    /**
     * Writes what was counted since the previous flush; never throws. Not on shutdown: a closing test context or a
     * Lambda being reclaimed would write into a database it no longer owns; at most one interval is lost.
     */
    public void flush() {
        if (!properties.isEnabled()) {
            return;
        }
        lastFlushNanos.set(System.nanoTime());
        try {
            List<Sample> samples = drain(clock.millis());
            if (!samples.isEmpty()) {
                writer.get().write(hosts.findOrRegister(HOST).id(), samples);
            }
        } catch (RuntimeException e) {
            // the monitor's own figures must never fail the request or run that triggered the flush
            LOG.warn("could not store Vigil's own figures: {}", e.toString());
        }
    }

    /** The figures of the interval ending {@code now}, and a new interval begins. */
    List<Sample> drain(long now) {
        long start = intervalStart.getAndSet(now);
        double minutes = Math.max(now - start, 1_000) / 60_000.0;
        List<Sample> out = new ArrayList<>();
        if (servedHttp) {
            long total = 0;
            long serverErrors = 0;
            for (int i = 0; i < STATUS_CLASSES.size(); i++) {
                long n = requestsByClass[i].sumThenReset();
                total += n;
                String cls = STATUS_CLASSES.get(i);
                out.add(new Sample(API_REQUESTS, Map.of("status_class", cls), now, n / minutes));
                if (i >= 2) {
                    out.add(new Sample(API_ERRORS, Map.of("status_class", cls), now, n / minutes));
                }
                if ("5xx".equals(cls)) {
                    serverErrors = n;
                }
            }
            out.add(new Sample(API_ERROR_PERCENT, Map.of(), now, total == 0 ? 0 : 100.0 * serverErrors / total));
            refusals.forEach((status, n) -> out.add(new Sample(AUTH_REFUSALS, Map.of("status", status.toString()), now,
                    n.sumThenReset() / minutes)));
            out.add(new Sample(INGEST_REJECTED, Map.of(), now, ingestRejected.sumThenReset() / minutes));
            Double p95 = p95Seconds();
            if (p95 != null) {
                out.add(new Sample(API_LATENCY_P95, Map.of(), now, p95));
            }
        }
        synchronized (lock) {
            jobs.forEach((job, j) -> {
                out.add(new Sample(JOB_RUN_SECONDS, Map.of("job", job), now, j[0]));
                out.add(new Sample(JOB_FAILURES, Map.of("job", job), now, j[2]));
            });
            jobs.clear();
        }
        for (SelfMetricSource source : sources) {
            try {
                out.addAll(source.read(now));
            } catch (RuntimeException e) {
                LOG.warn("could not read {}: {}", source.getClass().getSimpleName(), e.toString());
            }
        }
        return out;
    }

    /** The 95th percentile of this interval's latencies in seconds, and the reservoir is emptied; null without requests. */
    private Double p95Seconds() {
        long[] kept;
        synchronized (lock) {
            int n = (int) Math.min(latencyCount, LATENCY_RESERVOIR);
            kept = Arrays.copyOf(latencies, n);
            latencyCount = 0;
        }
        if (kept.length == 0) {
            return null;
        }
        Arrays.sort(kept);
        int rank = (int) Math.ceil(0.95 * kept.length) - 1; // nearest-rank
        return kept[Math.max(0, rank)] / 1_000_000.0;
    }

    private static LongAdder[] newAdders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
