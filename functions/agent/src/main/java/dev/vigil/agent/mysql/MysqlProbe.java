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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Watches one MySQL/MariaDB server: mysql_up, the round trip of SELECT 1, and the size of each schema.
 * Connects afresh every poll with short timeouts, so a stuck server costs seconds, never the agent; a server
 * that is down is reported as mysql_up 0.
 */
public final class MysqlProbe implements SampleSource {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlProbe.class);
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int SOCKET_TIMEOUT_MS = 5_000;
    private static final String SYSTEM_SCHEMAS = "'information_schema','performance_schema','sys','mysql'";

    private final MysqlSettings settings;
    private final java.sql.Driver driver;
    private boolean wasDown;

    public MysqlProbe(MysqlSettings settings) {
        this.settings = settings;
        try {
            this.driver = new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL driver unavailable", e);
        }
    }

    @Override
    public List<Sample> collect(long ts) {
        List<Sample> out = new ArrayList<>();
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MS));
        props.setProperty("connectionAttributes", "program_name:vigil-agent");
        try (Connection connection = driver.connect(settings.url(), props)) {
            if (connection == null) {
                throw new SQLException("not a MySQL JDBC URL: " + settings.url());
            }
            connection.setReadOnly(true);
            long started = System.nanoTime();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            double latencyMs = (System.nanoTime() - started) / 1e6;
            out.add(Sample.of("mysql_up", ts, 1));
            out.add(Sample.of("mysql_query_latency_ms", ts, latencyMs));
            schemaSizes(connection, ts, out);
            if (wasDown) {
                LOG.info("MySQL at {} answers again", settings.url());
                wasDown = false;
            }
        } catch (SQLException e) {
            if (!wasDown) {
                LOG.warn("MySQL at {} is down: {}", settings.url(), e.getMessage());
                wasDown = true;
            }
            out.clear();
            out.add(Sample.of("mysql_up", ts, 0));
        }
        return out;
    }

    private void schemaSizes(Connection connection, long ts, List<Sample> out) {
        StringBuilder sql = new StringBuilder("SELECT table_schema, SUM(COALESCE(data_length,0) + COALESCE(index_length,0)) "
                + "FROM information_schema.tables WHERE ");
        if (settings.schemas().isEmpty()) {
            sql.append("table_schema NOT IN (").append(SYSTEM_SCHEMAS).append(")");
        } else {
            sql.append("table_schema IN (").append("?,".repeat(settings.schemas().size() - 1)).append("?)");
        }
        sql.append(" GROUP BY table_schema");
        try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < settings.schemas().size(); i++) {
                st.setString(i + 1, settings.schemas().get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Sample.of("mysql_database_size_bytes", Map.of("schema", rs.getString(1)), ts, rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            // the server is up; only the size report is missing (often a grant for information_schema)
            LOG.warn("Cannot read schema sizes from {}: {}", settings.url(), e.getMessage());
        }
    }
}
