package dev.vigil.evaluate.bench;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.evaluate.EvaluationReport;
import dev.vigil.core.rules.RuleBodies;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.StoredRules;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of rules as data: one full evaluation cycle over a generated fleet (default 1,000 hosts, the
 * fleet of {@link EvaluateBenchmark}) with the default rules only, against the same cycle with 100 rules and
 * 1,000 per-host overrides stored through the API (and with the rules alone, to part the two costs), in the same
 * run and database, in rounds A B C A B C so drift hits all three. Not a unit test (the name keeps it out of normal builds); run infra/bench/rules-api-bench.sh.
 */
class RulesApiBenchmark {

    static final String[] LAST_METRICS = {"memory_used_percent", "load1", "swap_used_percent", "process_count",
            "open_files_percent", "cpu_iowait_percent", "disk_used_percent", "inode_used_percent",
            "net_rx_bytes_per_second", "net_errors_per_second", "mysql_query_latency_ms", "uptime_seconds"};
    static final String[] DEFAULT_RULES = {"HighCpuUsage", "HighMemoryUsage", "DiskSpaceLow", "HighSwapUsage",
            "HighIOWait", "TooManyOpenFiles", "HighInodeUsage", "DatabaseSlow"};

    @Test
    void cycleTimeWithApiRulesAndOverridesAgainstDefaultsOnly() throws Exception {
        int hosts = Integer.getInteger("bench.hosts", 1000);
        int apiRules = Integer.getInteger("bench.apiRules", 100);
        int overrides = Integer.getInteger("bench.overrides", 1000);
        int cycles = Integer.getInteger("bench.cycles", 5);
        Map<String, Object> props = new HashMap<>(TestDatabase.freshMysql());
        try (ApplicationContext ctx = ApplicationContext.run(props, "test", "scenario")) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            long now = System.currentTimeMillis();
            long t0 = System.nanoTime();
            long rows = EvaluateBenchmark.generate(ds, hosts, now);
            System.out.printf(Locale.ROOT, "%n== rules-api benchmark: %d hosts, %,d sample rows (generated in %.1f s); "
                    + "B = %d API rules + %d host overrides; %d timed full cycles per round ==%n",
                    hosts, rows, (System.nanoTime() - t0) / 1e9, apiRules, overrides, cycles);
            ctx.getBean(AdjustableClock.class).set(Instant.ofEpochMilli(now));
            EvaluationCycle cycle = ctx.getBean(EvaluationCycle.class);
            StoredRules stored = ctx.getBean(StoredRules.class);
            RuleSetProvider provider = ctx.getBean(RuleSetProvider.class);

            List<Long> defaultsOnly = new ArrayList<>();
            List<Long> rulesOnly = new ArrayList<>();
            List<Long> withOverrides = new ArrayList<>();
            long[] statements = new long[3];
            int[] ruleCounts = new int[3];
            for (int round = 1; round <= 2; round++) {
                clear(ds);
                statements[0] = measure(ds, cycle, "A defaults only      ", round, cycles, defaultsOnly, provider);
                ruleCounts[0] = provider.current().rules().size();
                storeRules(stored, apiRules, now);
                statements[1] = measure(ds, cycle, "B + api rules        ", round, cycles, rulesOnly, provider);
                ruleCounts[1] = provider.current().rules().size();
                storeOverrides(stored, apiRules, overrides, hosts, now);
                statements[2] = measure(ds, cycle, "C + api rules + overrides", round, cycles, withOverrides, provider);
                ruleCounts[2] = provider.current().rules().size();
            }
            long a = median(defaultsOnly);
            long b = median(rulesOnly);
            long c = median(withOverrides);
            System.out.printf(Locale.ROOT, "%n%-52s %6s %10s %11s %8s%n", "configuration", "rules", "median ms", "statements",
                    "vs A");
            System.out.printf(Locale.ROOT, "%-52s %6d %10d %11d %7.2fx%n", "A: default rules only", ruleCounts[0], a, statements[0], 1.0);
            System.out.printf(Locale.ROOT, "%-52s %6d %10d %11d %7.2fx%n", "B: + " + apiRules + " API rules", ruleCounts[1], b,
                    statements[1], (double) b / a);
            System.out.printf(Locale.ROOT, "%-52s %6d %10d %11d %7.2fx%n", "C: + " + apiRules + " API rules + " + overrides
                    + " host overrides", ruleCounts[2], c, statements[2], (double) c / a);
            System.out.printf(Locale.ROOT, "ratio C/A: %.2fx; per added rule %.1f ms; the overrides C/B: %.2fx%n", (double) c / a,
                    (double) (b - a) / apiRules, (double) c / b);
        }
    }

    /** Runs one unmeasured cycle (alerts settle after the switch), then {@code cycles} full ones. */
    static long measure(DataSource ds, EvaluationCycle cycle, String label, int round, int cycles, List<Long> into,
                        RuleSetProvider provider) throws Exception {
        EvaluateBenchmark.execute(ds, "DELETE FROM job_runs");
        EvaluationReport settle = cycle.runOnce().orElseThrow();
        long statements = 0;
        for (int i = 0; i < cycles; i++) {
            // a full cycle has every rule due: forget the last run, as EvaluateBenchmark does
            EvaluateBenchmark.execute(ds, "DELETE FROM job_runs");
            long start = System.nanoTime();
            EvaluationReport r = cycle.runOnce().orElseThrow();
            long ms = (System.nanoTime() - start) / 1_000_000;
            into.add(ms);
            statements = r.statements();
            if (i == 0) {
                System.out.printf(Locale.ROOT, "round %d %s: %d rules, settle %d ms; first timed %d ms, %s%n", round, label,
                        provider.current().rules().size(), settle.millis(), ms, r);
            }
        }
        System.out.printf(Locale.ROOT, "round %d %s: %s ms%n", round, label, into.subList(into.size() - cycles, into.size()));
        return statements;
    }

    /**
     * 100 rules as an operator would add them: most on a latest value (a spread of metrics, some per mount),
     * one in five a 5-minute average of CPU; levels that hold for the unwell 1% of the fleet. Overrides go
     * one per host, alternately on a default rule and on an API rule.
     */
    static void storeRules(StoredRules stored, int apiRules, long now) {
        for (int i = 0; i < apiRules; i++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", apiRule(i));
            if (i % 5 == 0) {
                rule.put("metric", "cpu_usage_percent");
                rule.put("aggregation", "avg");
                rule.put("window", "5m");
                rule.put("warning", 85 + i % 10);
                rule.put("for", "5m");
            } else {
                String metric = LAST_METRICS[i % LAST_METRICS.length];
                rule.put("metric", metric);
                if (metric.startsWith("disk_") || metric.startsWith("inode_")) {
                    rule.put("labels", Map.of("mount", i % 2 == 0 ? "/" : "/data"));
                }
                rule.put("warning", metric.equals("disk_used_percent") ? 90 : 1_000_000 + i);
            }
            rule.put("summary", "{{host}}: {{value}}");
            stored.put(apiRule(i), RuleBodies.toText(rule), "create", "bench", now);
        }
    }

    static void storeOverrides(StoredRules stored, int apiRules, int overrides, int hosts, long now) {
        for (int i = 0; i < overrides; i++) {
            String host = "h" + (i % hosts + 1);
            String rule = i % 2 == 0 ? DEFAULT_RULES[(i / 2) % DEFAULT_RULES.length] : apiRule((i / 2) % apiRules);
            stored.putOverride(new StoredRules.HostOverride(host, rule, 70.0 + i % 20, null, null, null, now, "bench"));
        }
    }

    static String apiRule(int i) {
        return String.format(Locale.ROOT, "BenchRule%03d", i);
    }

    static void clear(DataSource ds) throws Exception {
        EvaluateBenchmark.execute(ds, "DELETE FROM api_rules");
        EvaluateBenchmark.execute(ds, "DELETE FROM api_rule_versions");
        EvaluateBenchmark.execute(ds, "DELETE FROM host_rule_overrides");
        EvaluateBenchmark.execute(ds, "UPDATE rules_revision SET revision = revision + 1");
    }

    static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
