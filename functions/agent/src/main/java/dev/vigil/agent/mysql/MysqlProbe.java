package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one MySQL/MariaDB server: mysql_up, the round trip of SELECT 1, the size of each schema and of the
 * largest tables, and server health (connections, threads, rates of slow queries, aborted connections and row
 * lock waits, buffer pool hit ratio, replication, uptime). Connects afresh every poll with short timeouts and a
 * query timeout on every statement, so a stuck server costs seconds, never the agent; a server that is down is
 * reported as mysql_up 0. Every statement is read-only. A figure the user may not read is logged once with the
 * privilege it needs, and the probe keeps sending the others.
 */
public final class MysqlProbe implements SampleSource {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlProbe.class);
    private static final String SYSTEM_SCHEMAS = "'information_schema','performance_schema','sys','mysql'";
    /** Server error codes that mean "not allowed" (1227 missing privilege, 1142/1143 table/column, 1044 schema). */
    private static final Set<Integer> ACCESS_DENIED = Set.of(1227, 1142, 1143, 1044, 1045);
    private static final int PARSE_ERROR = 1064;

    private final MysqlSettings settings;
    private final MysqlConnector connector;
    private final Set<String> warned = new HashSet<>();
    private boolean wasDown;
    private ServerStatus previous;
    /** Flipped once a server rejects SHOW REPLICA STATUS as syntax (MySQL before 8.0.22, MariaDB before 10.5.1). */
    private boolean legacyReplicaSyntax;

    public MysqlProbe(MysqlSettings settings) {
        this.settings = settings;
        this.connector = new MysqlConnector(settings);
    }

    @Override
    public List<Sample> collect(long ts) {
        List<Sample> out = new ArrayList<>();
        long socketTimeout = settings.queryTimeout().toMillis() + 1_000;
        try (Connection connection = connector.open(socketTimeout)) {
            connection.setReadOnly(true);
            long started = System.nanoTime();
            try (Statement st = statement(connection); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            double latencyMs = (System.nanoTime() - started) / 1e6;
            out.add(Sample.of("mysql_up", ts, 1));
            out.add(Sample.of("mysql_query_latency_ms", ts, latencyMs));
            schemaSizes(connection, ts, out);
            tableSizes(connection, ts, out);
            serverHealth(connection, ts, out);
            replication(connection, ts, out);
            if (wasDown) {
                LOG.info("MySQL at {} answers again", settings.url());
                wasDown = false;
            }
        } catch (SQLException e) {
            if (!wasDown) {
                LOG.warn("MySQL at {} is down: {}", settings.url(), e.getMessage());
                wasDown = true;
            }
            previous = null;
            out.clear();
            out.add(Sample.of("mysql_up", ts, 0));
        }
        return out;
    }

    private Statement statement(Connection connection) throws SQLException {
        Statement st = connection.createStatement();
        st.setQueryTimeout(settings.queryTimeoutSeconds());
        return st;
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        st.setQueryTimeout(settings.queryTimeoutSeconds());
        return st;
    }

    private void schemaSizes(Connection connection, long ts, List<Sample> out) {
        String sql = "SELECT table_schema, SUM(COALESCE(data_length,0) + COALESCE(index_length,0)) "
                + "FROM information_schema.tables WHERE " + schemaCondition() + " GROUP BY table_schema";
        try (PreparedStatement st = prepare(connection, sql)) {
            bindSchemas(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Sample.of("mysql_database_size_bytes", Map.of("schema", rs.getString(1)), ts, rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            cannotRead("schema sizes", "SELECT on the schemas to watch (information_schema shows only what the user may see)", e);
        }
    }

    private void tableSizes(Connection connection, long ts, List<Sample> out) {
        if (settings.tableSizesTop() == 0) {
            return;
        }
        // information_schema.tables reads cached statistics here, not the tables themselves
        String sql = "SELECT table_schema, table_name, COALESCE(data_length,0) + COALESCE(index_length,0) AS size "
                + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND " + schemaCondition()
                + " ORDER BY size DESC LIMIT ?";
        try (PreparedStatement st = prepare(connection, sql)) {
            int p = bindSchemas(st, 1);
            st.setInt(p, settings.tableSizesTop());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Sample.of("mysql_table_size_bytes", Map.of("schema", rs.getString(1), "table", rs.getString(2)),
                            ts, rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            cannotRead("table sizes", "SELECT on the schemas to watch", e);
        }
    }

    private String schemaCondition() {
        if (settings.schemas().isEmpty()) {
            return "table_schema NOT IN (" + SYSTEM_SCHEMAS + ")";
        }
        return "table_schema IN (" + "?,".repeat(settings.schemas().size() - 1) + "?)";
    }

    private int bindSchemas(PreparedStatement st, int from) throws SQLException {
        int p = from;
        for (String schema : settings.schemas()) {
            st.setString(p++, schema);
        }
        return p;
    }

    private void serverHealth(Connection connection, long ts, List<Sample> out) {
        Map<String, Long> status = new HashMap<>();
        String names = String.join("','", ServerStatus.NAMES);
        try (Statement st = statement(connection);
             ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('" + names + "')")) {
            while (rs.next()) {
                Long value = number(rs.getString(2));
                if (value != null) {
                    status.put(canonical(rs.getString(1)), value);
                }
            }
        } catch (SQLException e) {
            cannotRead("server status", "none normally (SHOW GLOBAL STATUS is open to every user)", e);
            return;
        }
        Long maxConnections = null;
        try (Statement st = statement(connection); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.max_connections")) {
            if (rs.next()) {
                maxConnections = rs.getLong(1);
            }
        } catch (SQLException e) {
            cannotRead("max_connections", "none normally (global variables are readable by every user)", e);
        }
        ServerStatus current = new ServerStatus(ts, status, maxConnections);
        out.addAll(ServerHealth.samples(previous, current, ts));
        previous = current;
    }

    /** Status names come back in the server's own case (MariaDB and MySQL agree today; do not rely on it). */
    private static String canonical(String name) {
        for (String known : ServerStatus.NAMES) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void replication(Connection connection, long ts, List<Sample> out) {
        try {
            out.addAll(ReplicaStatus.samples(replicaRows(connection), ts));
        } catch (SQLException e) {
            cannotRead("replication status",
                    "REPLICATION CLIENT (MySQL), or REPLICA MONITOR / SLAVE MONITOR (MariaDB 10.5+)", e);
        }
    }

    private List<ReplicaStatus> replicaRows(Connection connection) throws SQLException {
        if (!legacyReplicaSyntax) {
            try {
                return replicaRows(connection, "SHOW REPLICA STATUS");
            } catch (SQLException e) {
                if (e.getErrorCode() != PARSE_ERROR) {
                    throw e;
                }
                legacyReplicaSyntax = true;
            }
        }
        return replicaRows(connection, "SHOW SLAVE STATUS");
    }

    private List<ReplicaStatus> replicaRows(Connection connection, String sql) throws SQLException {
        List<ReplicaStatus> rows = new ArrayList<>();
        try (Statement st = statement(connection); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(ReplicaStatus.parse(row));
            }
        }
        return rows;
    }

    /**
     * Logs a figure the probe cannot read: once per figure while it keeps failing the same way, naming the
     * privilege when the server refused, so the log says what to GRANT instead of repeating every interval.
     */
    private void cannotRead(String figure, String privilege, SQLException e) {
        boolean denied = ACCESS_DENIED.contains(e.getErrorCode());
        if (!warned.add(figure + '\u0000' + e.getErrorCode())) {
            return;
        }
        if (denied) {
            LOG.warn("MySQL probe: user '{}' may not read {} at {} (needs privilege: {}); the other figures are still sent. Server said: {}",
                    settings.user(), figure, settings.url(), privilege, e.getMessage());
        } else {
            LOG.warn("MySQL probe: cannot read {} at {}: {}", figure, settings.url(), e.getMessage());
        }
    }
}
