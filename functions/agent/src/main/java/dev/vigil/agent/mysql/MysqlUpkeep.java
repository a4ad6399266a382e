package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link MysqlUpkeepSettings} on its own thread: ANALYZE TABLE and, above the free-space threshold,
 * OPTIMIZE TABLE for each listed table, one table at a time. Reports its last run as
 * mysql_upkeep_tables_analyzed{dry_run}, mysql_upkeep_tables_optimized{dry_run} and mysql_upkeep_freed_bytes{dry_run}
 * (in a dry run: the free space an OPTIMIZE would return) and mysql_upkeep_last_run_timestamp_seconds.
 */
public final class MysqlUpkeep implements SampleSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlUpkeep.class);
    /** Not at every agent start: a restarted agent would otherwise rebuild tables each time. */
    static final Duration FIRST_RUN_AFTER = Duration.ofHours(1);
    /** OPTIMIZE of a large table takes minutes; the read timeout must not cut it off. */
    static final long STATEMENT_SOCKET_TIMEOUT_MS = Duration.ofHours(2).toMillis();

    /** What one run did. */
    public record Result(long at, boolean dryRun, int analyzed, int optimized, long freedBytes) {
    }

    record TableSpace(long sizeBytes, long freeBytes) {
        double freePercent() {
            long whole = sizeBytes + freeBytes;
            return whole == 0 ? 0 : 100.0 * freeBytes / whole;
        }
    }

    private final MysqlUpkeepSettings upkeep;
    private final MysqlConnector connector;
    private final Clock clock;
    private volatile Result last;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-mysql-upkeep");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    public MysqlUpkeep(MysqlSettings settings, Clock clock) {
        this.upkeep = settings.upkeep();
        this.connector = new MysqlConnector(settings);
        this.clock = clock;
    }

    public void start() {
        long first = Math.min(upkeep.every().toMillis(), FIRST_RUN_AFTER.toMillis());
        executor.scheduleWithFixedDelay(this::runSafely, first, upkeep.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            runNow();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("MySQL upkeep failed: {}", e.getMessage());
        }
    }

    /** One run on the caller's thread. */
    public Result runNow() throws SQLException {
        int analyzed = 0;
        int optimized = 0;
        long freed = 0;
        try (Connection connection = connector.open(STATEMENT_SOCKET_TIMEOUT_MS)) {
            for (String table : upkeep.tables()) {
                TableSpace before = space(connection, table);
                if (before == null) {
                    LOG.warn("MySQL upkeep: table {} not found (or not visible to the user); skipped", table);
                    continue;
                }
                if (upkeep.analyze()) {
                    if (upkeep.dryRun()) {
                        LOG.info("MySQL upkeep (dry run): would ANALYZE TABLE {}", table);
                    } else {
                        maintain(connection, "ANALYZE", table);
                    }
                    analyzed++;
                }
                if (before.freePercent() < upkeep.optimizeFreeAbovePercent()) {
                    continue;
                }
                if (upkeep.dryRun()) {
                    LOG.info("MySQL upkeep (dry run): would OPTIMIZE TABLE {} ({} of {} bytes free, {}%)", table,
                            before.freeBytes(), before.sizeBytes() + before.freeBytes(), String.format("%.1f", before.freePercent()));
                    freed += before.freeBytes();
                } else {
                    maintain(connection, "OPTIMIZE", table);
                    TableSpace after = space(connection, table);
                    long gain = after == null ? 0 : Math.max(0, before.sizeBytes() + before.freeBytes() - after.sizeBytes() - after.freeBytes());
                    LOG.info("MySQL upkeep: OPTIMIZE TABLE {} returned {} bytes", table, gain);
                    freed += gain;
                }
                optimized++;
            }
        }
        Result result = new Result(clock.millis(), upkeep.dryRun(), analyzed, optimized, freed);
        last = result;
        return result;
    }

    static TableSpace space(Connection connection, String table) throws SQLException {
        String[] parts = table.split("\\.", 2);
        try (PreparedStatement st = connection.prepareStatement("SELECT COALESCE(data_length,0) + COALESCE(index_length,0), "
                + "COALESCE(data_free,0) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            st.setString(1, parts[0]);
            st.setString(2, parts[1]);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new TableSpace(rs.getLong(1), rs.getLong(2)) : null;
            }
        }
    }

    private static void maintain(Connection connection, String verb, String table) throws SQLException {
        String[] parts = table.split("\\.", 2);
        // names are checked against MysqlUpkeepSettings.TABLE_NAME (no backquotes), so quoting is safe
        String sql = verb + " TABLE `" + parts[0] + "`.`" + parts[1] + "`";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String type = rs.getString("Msg_type");
                if ("error".equalsIgnoreCase(type)) {
                    LOG.warn("MySQL upkeep: {} TABLE {}: {}", verb, table, rs.getString("Msg_text"));
                }
            }
        }
    }

    @Override
    public List<Sample> collect(long ts) {
        Result r = last;
        if (r == null) {
            return List.of();
        }
        Map<String, String> labels = Map.of("dry_run", Boolean.toString(r.dryRun()));
        List<Sample> out = new ArrayList<>();
        out.add(Sample.of("mysql_upkeep_tables_analyzed", labels, ts, r.analyzed()));
        out.add(Sample.of("mysql_upkeep_tables_optimized", labels, ts, r.optimized()));
        out.add(Sample.of("mysql_upkeep_freed_bytes", labels, ts, r.freedBytes()));
        out.add(Sample.of("mysql_upkeep_last_run_timestamp_seconds", labels, ts, r.at() / 1000.0));
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
