package dev.vigil.local.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cold start as Lambda sees it: from the runtime client's JVM process start to the Runtime API receiving
 * the first answer (JVM boot, Micronaut context, Flyway check, first event), median of several fresh JVMs
 * per function, against an already-migrated database. Not part of the build (no IT suffix); run with
 * infra/bench/lambda-ric-cold-start.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRuntimeColdStartBench {

    static final Map<String, String> FIRST_EVENT = new LinkedHashMap<>();

    static {
        FIRST_EVENT.put("IngestFunction", "ingest-health.json");
        FIRST_EVENT.put("EvaluateFunction", "evaluate-scheduled.json");
        FIRST_EVENT.put("NotifyFunction", "notify-scheduled.json");
        FIRST_EVENT.put("HousekeepingFunction", "housekeeping-hourly.json");
    }

    final LambdaRuntimeIT runs = new LambdaRuntimeIT();
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

    @Test
    void coldStartPerFunction() throws Exception {
        StringBuilder table = new StringBuilder(String.format("%nfunction       median_ms  runs_ms (process start to first answer, %d fresh JVMs)%n", rounds));
        for (Map.Entry<String, String> entry : FIRST_EVENT.entrySet()) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                try (LambdaRuntimeIT.Running function = runs.new Running(entry.getKey(), url())) {
                    assertEquals("response", function.invoke(LambdaRuntimeIT.event(entry.getValue())).kind());
                    millis.add((function.firstAnswerNanos - function.startedNanos) / 1_000_000);
                }
            }
            List<Long> sorted = millis.stream().sorted().toList();
            table.append(String.format("%-14s %9d  %s%n", entry.getKey().replace("Function", "").toLowerCase(),
                    sorted.get(sorted.size() / 2), millis));
        }
        System.out.println(table);
    }
}
