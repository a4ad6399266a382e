package dev.vigil.local.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cold start as Lambda sees it: from the runtime client's JVM process start to the Runtime API receiving
 * the first answer (JVM boot, Micronaut context, Flyway check, first event), median of several fresh JVMs
 * per function, against an already-migrated database. Each round starts the function twice, alternating:
 * as the template runs it (its JAVA_TOOL_OPTIONS, with the jar's class data sharing archive) and as the
 * baseline without the archive (the template's options minus -XX:SharedArchiveFile), so load on the machine
 * hits both alike. Besides wall time it records the JVM's CPU time (user + system) up to the answer, which
 * load changes less. Not part of the build (no IT suffix); run with infra/bench/lambda-ric-cold-start.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRuntimeColdStartBench {

    static final Map<String, String> FIRST_EVENT = new LinkedHashMap<>();
    static final long TARGET_MILLIS = 1500;

    static {
        FIRST_EVENT.put("IngestFunction", "ingest-health.json");
        FIRST_EVENT.put("EvaluateFunction", "evaluate-scheduled.json");
        FIRST_EVENT.put("NotifyFunction", "notify-scheduled.json");
        FIRST_EVENT.put("HousekeepingFunction", "housekeeping-hourly.json");
    }

    /** JAVA_TOOL_OPTIONS for the baseline runs; null runs the template's own. */
    String baselineOptions;

    final LambdaRuntimeIT runs = new LambdaRuntimeIT() {
        @Override
        Map<String, String> given(String jdbcUrl) {
            Map<String, String> given = super.given(jdbcUrl);
            if (baselineOptions != null) {
                given.put("JAVA_TOOL_OPTIONS", baselineOptions);
            }
            return given;
        }
    };
    final int rounds = Integer.getInteger("vigil.bench.rounds", 3);

    @BeforeAll
    void setUp() throws Exception {
        runs.setUp();
        // Migrate once, so every measured start only checks the schema, as a deployed function does.
        try (LambdaRuntimeIT.Running warmUp = runs.new Running("EvaluateFunction", url())) {
            warmUp.invoke(LambdaRuntimeIT.event("evaluate-scheduled.json"));
        }
    }

    String url() {
        return runs.database.get("datasources.default.url");
    }

    record Start(long wallMillis, long cpuMillis) {
    }

    /**
     * One fresh JVM to its first answer, then killed: waiting for the runtime client to give up (as the IT does)
     * would add up to 20 s a start, since the functions' non-daemon threads keep their JVMs up.
     */
    Start start(String logicalId, String eventFile, String options) throws Exception {
        baselineOptions = options;
        LambdaRuntimeLauncher.Function function = runs.launcher.function(logicalId);
        Path log = LambdaRuntimeLauncher.TARGET.resolve("lambda-task").resolve(function.shortName() + "-bench.log");
        Files.createDirectories(log.getParent());
        LambdaRuntimeLauncher.taskRoot(function);
        try (RuntimeApiStub api = new RuntimeApiStub("vigil-" + function.shortName())) {
            long started = System.nanoTime();
            Process process = runs.launcher.start(function, api.address(), runs.launcher.environment(function, runs.given(url())), log);
            try {
                RuntimeApiStub.Posted posted = api.invoke(LambdaRuntimeIT.event(eventFile), Duration.ofSeconds(function.timeoutSeconds()))
                        .get(LambdaRuntimeIT.ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                long cpu = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                assertEquals("response", posted.kind(), () -> logicalId + ": " + posted + "\n" + log);
                return new Start((posted.receivedNanos() - started) / 1_000_000, cpu);
            } finally {
                process.destroyForcibly().waitFor(LambdaRuntimeIT.EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            baselineOptions = null;
        }
    }

    static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void coldStartPerFunction() throws Exception {
        StringBuilder table = new StringBuilder(String.format("%nfunction       median_ms  cpu_ms  baseline_ms  baseline_cpu_ms  runs_ms / baseline_runs_ms"
                + " (process start to first answer, %d fresh JVMs each, alternating)%n", rounds));
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, String> entry : FIRST_EVENT.entrySet()) {
            String options = String.valueOf(runs.launcher.function(entry.getKey()).environment().get("JAVA_TOOL_OPTIONS"));
            String withoutArchive = options.replaceAll("\\s*-XX:SharedArchiveFile=\\S+", "").replaceAll("\\s*-Xshare:auto", "").strip();
            List<Long> wall = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            List<Long> baseWall = new ArrayList<>();
            List<Long> baseCpu = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Start base = start(entry.getKey(), entry.getValue(), withoutArchive);
                baseWall.add(base.wallMillis());
                baseCpu.add(base.cpuMillis());
                Start with = start(entry.getKey(), entry.getValue(), null);
                wall.add(with.wallMillis());
                cpu.add(with.cpuMillis());
            }
            String name = entry.getKey().replace("Function", "").toLowerCase();
            table.append(String.format("%-14s %9d  %6d  %11d  %15d  %s / %s%n", name, median(wall), median(cpu),
                    median(baseWall), median(baseCpu), wall, baseWall));
            figures.append(String.format("FIGURE\tlambda_cold_start_%s_ms\t%d\tms\t%d\t%.2f\t%d%n", name, median(wall),
                    median(baseWall), (double) median(wall) / median(baseWall), TARGET_MILLIS));
            figures.append(String.format("FIGURE\tlambda_cold_start_%s_cpu_ms\t%d\tms\t%d\t%.2f\t-%n", name, median(cpu),
                    median(baseCpu), (double) median(cpu) / median(baseCpu)));
        }
        System.out.println(table);
        System.out.print(figures);
    }
}
