package dev.vigil.core.evaluate;

import dev.vigil.core.sample.Labels;
import dev.vigil.core.sample.SeriesKey;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated fleet written straight into a database, the same way into every copy, so that one evaluator and a
 * set of shards can be run over identical data. Hosts are numbered from 1 (their id); a tenth are unwell (busy
 * CPU, full disk, memory, database down), a tenth have a disk filling up, a few are silent (HostDown) and some
 * of the silent ones are also unwell (their alerts are inhibited). {@link #advance} moves time on: new samples
 * for every host that sends, the unwell hosts recover from phase 2, some hosts are removed in phase 2, and the
 * silent ones come back in phase 3.
 */
final class ShardTestFleet {

    static final long STEP = 15_000;
    /** 20 minutes at 15 s: enough for the 5 min CPU average and the trend's minimum span. */
    static final int HISTORY_POINTS = 80;
    static final double GIB = 1024.0 * 1024 * 1024;

    record SeriesDef(String metric, Map<String, String> labels, boolean history) {
    }

    static final List<SeriesDef> SERIES = List.of(
            new SeriesDef("cpu_usage_percent", Map.of(), true),
            new SeriesDef("cpu_count", Map.of(), false),
            new SeriesDef("load5", Map.of(), false),
            new SeriesDef("memory_used_percent", Map.of(), false),
            new SeriesDef("mysql_up", Map.of(), false),
            new SeriesDef("disk_used_percent", Map.of("mount", "/"), false),
            new SeriesDef("disk_total_bytes", Map.of("mount", "/"), false),
            new SeriesDef("disk_free_bytes", Map.of("mount", "/"), true),
            new SeriesDef("inode_used_percent", Map.of("mount", "/"), false));

    private final int hosts;

    ShardTestFleet(int hosts) {
        this.hosts = hosts;
    }

    static boolean unwell(int host) {
        return host % 10 == 0;
    }

    static boolean filling(int host) {
        return host % 10 == 5;
    }

    /** Silent from the start until phase 3; host 50, 100, ... are silent and unwell. */
    static boolean silent(int host, int phase) {
        return phase < 3 && (host % 50 == 7 || host % 50 == 0);
    }

    static boolean removedAt(int host, int phase) {
        return phase >= 2 && host % 60 == 30;
    }

    static long seriesId(int host, int k) {
        return (long) host * 16 + k;
    }

    static double value(SeriesDef def, int host, long ts, long start, int phase) {
        boolean bad = unwell(host) && phase < 2;
        double minutes = (ts - start) / 60_000.0;
        return switch (def.metric()) {
            case "cpu_usage_percent" -> bad ? 95 : 20 + (host * 7 + ts / STEP) % 30;
            case "cpu_count" -> 4;
            case "load5" -> bad ? 12 : 1.2;
            case "memory_used_percent" -> bad ? 97 : 60;
            case "mysql_up" -> bad ? 0 : 1;
            case "disk_used_percent" -> bad ? 93 : 55;
            case "disk_total_bytes" -> 100 * GIB;
            // 30 GiB falling by 0.2 GiB a minute: full in about 2.5 h
            case "disk_free_bytes" -> filling(host) ? 30 * GIB - minutes * 0.2 * GIB - host * 0.01 * GIB : 45 * GIB;
            default -> 10;
        };
    }

    /** Hosts, series, latest values and history up to {@code now}; silent hosts last sent three minutes before. */
    void generate(DataSource dataSource, long now) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            Rows hostRows = new Rows(st, "INSERT INTO hosts (id, name, token_hash, created_at, last_seen_at) VALUES ");
            Rows seriesRows = new Rows(st, "INSERT INTO series (id, host_id, metric, labels, series_hash, created_at) VALUES ");
            Rows latestRows = new Rows(st, "INSERT INTO latest_values (series_id, ts, value) VALUES ");
            Rows sampleRows = new Rows(st, "INSERT INTO samples (series_id, ts, value) VALUES ");
            for (int h = 1; h <= hosts; h++) {
                long last = silent(h, 0) ? now - 3 * 60_000 : now;
                hostRows.add("(" + h + ",'" + name(h) + "',NULL," + (now - HISTORY_POINTS * STEP) + "," + last + ")");
            }
            hostRows.flush();
            for (int h = 1; h <= hosts; h++) {
                long last = silent(h, 0) ? now - 3 * 60_000 : now;
                for (int k = 0; k < SERIES.size(); k++) {
                    SeriesDef def = SERIES.get(k);
                    long id = seriesId(h, k);
                    seriesRows.add("(" + id + "," + h + ",'" + def.metric() + "','" + Labels.toJson(def.labels())
                            + "','" + new SeriesKey(def.metric(), def.labels()).hash() + "'," + now + ")");
                    int points = def.history() ? HISTORY_POINTS : 1;
                    for (int j = points - 1; j >= 0; j--) {
                        long ts = last - j * STEP;
                        sampleRows.add("(" + id + "," + ts + "," + value(def, h, ts, now, 0) + ")");
                    }
                    latestRows.add("(" + id + "," + last + "," + value(def, h, last, now, 0) + ")");
                }
            }
            seriesRows.flush();
            latestRows.flush();
            sampleRows.flush();
            c.commit();
        }
    }

    /** Time moves from {@code from} to {@code to}: every host that sends in {@code phase} sends each 15 s. */
    void advance(DataSource dataSource, long start, long from, long to, int phase) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); Statement batch = c.createStatement()) {
            c.setAutoCommit(false);
            Rows sampleRows = new Rows(st, "INSERT INTO samples (series_id, ts, value) VALUES ");
            for (int h = 1; h <= hosts; h++) {
                if (removedAt(h, phase)) {
                    st.executeUpdate("UPDATE hosts SET revoked_at = " + to + " WHERE id = " + h + " AND revoked_at IS NULL");
                    continue;
                }
                if (silent(h, phase)) {
                    continue;
                }
                for (int k = 0; k < SERIES.size(); k++) {
                    SeriesDef def = SERIES.get(k);
                    long id = seriesId(h, k);
                    for (long ts = from + STEP; ts <= to; ts += STEP) {
                        if (def.history() || ts == to) {
                            sampleRows.add("(" + id + "," + ts + "," + value(def, h, ts, start, phase) + ")");
                        }
                    }
                    batch.addBatch("UPDATE latest_values SET ts = " + to + ", value = " + value(def, h, to, start, phase)
                            + " WHERE series_id = " + id);
                }
                batch.addBatch("UPDATE hosts SET last_seen_at = " + to + " WHERE id = " + h);
            }
            sampleRows.flush();
            batch.executeBatch();
            c.commit();
        }
    }

    static String name(int host) {
        return "host-%05d".formatted(host);
    }

    /** Accumulates VALUES tuples and sends them as multi-row INSERTs. */
    static final class Rows {
        private final Statement st;
        private final String prefix;
        private final List<String> tuples = new ArrayList<>();

        Rows(Statement st, String prefix) {
            this.st = st;
            this.prefix = prefix;
        }

        void add(String tuple) throws SQLException {
            tuples.add(tuple);
            if (tuples.size() == 1000) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (!tuples.isEmpty()) {
                st.executeUpdate(prefix + String.join(",", tuples));
                tuples.clear();
            }
        }
    }
}
