package dev.vigil.local.console;

import dev.vigil.core.rollup.RollupResolution;
import dev.vigil.housekeeping.rollup.RollupBuilder;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * infra/bench/console-bench.sh (not part of mvn verify: the name does not end in Test). In headless Chromium
 * against the local app on MariaDB: the fleet page with 1,000 hosts, time from navigation to every tile drawn;
 * the host page with 30 days of 15 s samples (rolled up as housekeeping does), time from navigation to every
 * chart drawn, per range. Prints BENCH lines.
 */
class ConsoleBench {

    static final int HOSTS = Integer.getInteger("bench.hosts", 1000);
    static final int TRIALS = Integer.getInteger("bench.trials", 5);
    static final long DAY = 86_400_000L;
    static final long STEP = 15_000L;

    /** Waits (in the page) until {@code selector} matches {@code count} elements and two frames were painted. */
    static final String TIME_TO = """
            const [selector, count, done] = arguments;
            const check = () => {
              if (document.querySelectorAll(selector).length >= count) {
                requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
              } else {
                setTimeout(check, 5);
              }
            };
            check();
            """;

    @Test
    void fleetAndHostPages() throws Exception {
        try (ConsoleApp app = ConsoleApp.start()) {
            String writer = app.createToken("bench-writer", "writer");
            long now = System.currentTimeMillis();
            long started = System.nanoTime();
            for (int i = 0; i < HOSTS; i++) {
                String name = String.format(Locale.ROOT, "host-%04d", i);
                double disk = 30 + (i * 37 % 65);
                app.sendSamples(writer, name, String.format(Locale.ROOT, "[{\"metric\":\"cpu_usage_percent\",\"value\":%.1f,\"ts\":%d},"
                                + "{\"metric\":\"memory_used_percent\",\"value\":%.1f,\"ts\":%d},"
                                + "{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/\"},\"value\":%.1f,\"ts\":%d},"
                                + "{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/var\"},\"value\":%.1f,\"ts\":%d}]",
                        (i * 13 % 100) * 1.0, now, (i * 7 % 100) * 1.0, now, disk, now, disk / 2, now));
            }
            System.out.printf(Locale.ROOT, "BENCH setup: %d hosts sent in %.1f s%n", HOSTS, (System.nanoTime() - started) / 1e9);
            try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
                browser.open("fleet");
                browser.signIn(ConsoleApp.ADMIN_TOKEN);
                List<Double> times = new ArrayList<>();
                for (int trial = 0; trial < TRIALS + 1; trial++) {
                    browser.driver().navigate().refresh();
                    double ms = ((Number) browser.asyncScript(TIME_TO, "#fleet-tiles .tile", HOSTS)).doubleValue();
                    if (trial > 0) {
                        times.add(ms); // the first load warms the server's JIT and the browser's cache
                    }
                }
                report("fleet page, " + HOSTS + " hosts: navigation to every tile drawn", times);
                if (!browser.severeLogs().isEmpty()) {
                    throw new AssertionError("browser errors: " + browser.severeLogs());
                }
            }

            started = System.nanoTime();
            long rows = thirtyDaysOfHistory(app, now);
            System.out.printf(Locale.ROOT, "BENCH setup: %d samples (30 days at 15 s) stored and rolled up in %.1f s%n",
                    rows, (System.nanoTime() - started) / 1e9);
            try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
                browser.open("host/bench-host");
                browser.signIn(ConsoleApp.ADMIN_TOKEN);
                for (String range : List.of("1h", "24h", "7d", "30d")) {
                    List<Double> times = new ArrayList<>();
                    long points = 0;
                    for (int trial = 0; trial < TRIALS + 1; trial++) {
                        browser.driver().get(app.baseUrl() + "#/host/bench-host?range=" + range);
                        browser.driver().navigate().refresh();
                        double ms = ((Number) browser.asyncScript(TIME_TO, "main[data-charts-drawn]", 1)).doubleValue();
                        points = Long.parseLong(String.valueOf(browser.script("return document.querySelector('main').dataset.points;")));
                        if (trial > 0) {
                            times.add(ms);
                        }
                    }
                    report("host page, 30 days of 15 s data, range " + range + " (" + points + " points drawn): navigation to every chart drawn", times);
                }
                if (!browser.severeLogs().isEmpty()) {
                    throw new AssertionError("browser errors: " + browser.severeLogs());
                }
            }
        }
    }

    /** Creates the host's series through the API, then 30 days of 15 s samples by JDBC batches, then the rollups. */
    private static long thirtyDaysOfHistory(ConsoleApp app, long now) throws SQLException {
        List<FleetData.Series> series = FleetData.usualHost(0.5, 60, 0);
        String token = app.registerHost("bench-host", "{\"team\":\"bench\"}");
        app.sendSamples(token, "bench-host", FleetData.samples(series, now, 0, STEP));
        DataSource data = DelegatingDataSource.unwrapDataSource(app.context().getBean(DataSource.class));
        long rows = 0;
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            Map<String, Long> ids = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT s.id, s.metric FROM series s JOIN hosts h ON h.id = s.host_id WHERE h.name = 'bench-host'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
            long from = now - 30 * DAY;
            try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO samples (series_id, ts, value) VALUES (?, ?, ?)")) {
                for (FleetData.Series s : series) {
                    long id = ids.get(s.metric());
                    int batch = 0;
                    for (long t = from; t < now; t += STEP) {
                        insert.setLong(1, id);
                        insert.setLong(2, t);
                        insert.setDouble(3, s.value().apply(t));
                        insert.addBatch();
                        rows++;
                        if (++batch == 10_000) {
                            insert.executeBatch();
                            c.commit();
                            batch = 0;
                        }
                    }
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
        RollupBuilder rollups = app.context().getBean(RollupBuilder.class);
        long fiveUntil = RollupResolution.FIVE_MINUTES.bucketOf(now);
        rollups.build(RollupResolution.FIVE_MINUTES, RollupResolution.ONE_HOUR.bucketOf(now - 31 * DAY), fiveUntil);
        rollups.build(RollupResolution.ONE_HOUR, RollupResolution.ONE_HOUR.bucketOf(now - 31 * DAY), RollupResolution.ONE_HOUR.bucketOf(fiveUntil));
        return rows;
    }

    private static void report(String what, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "BENCH %s: median %.0f ms, min %.0f ms, max %.0f ms (%d loads)%n",
                what, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
