package dev.vigil.agent.mysql;

import dev.vigil.agent.LogCapture;
import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.vigil.agent.mysql.ServerHealthTest.value;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The server-health figures against the local MariaDB (127.0.0.1:3306, root): a database and a user of this test's
 * own, dropped afterwards.
 */
class MysqlServerHealthLiveTest {

    static final String URL = "jdbc:mysql://127.0.0.1:3306/";
    private static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final String SCHEMA = "vigil_probe_" + SUFFIX;
    private static final String NO_GRANTS_USER = "vigil_np_" + SUFFIX;

    static void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @BeforeAll
    static void createSchemaAndUser() throws SQLException {
        sql("CREATE DATABASE " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".big (id INT PRIMARY KEY, pad VARCHAR(2000))",
                "CREATE TABLE " + SCHEMA + ".small (id INT PRIMARY KEY)",
                "INSERT INTO " + SCHEMA + ".big SELECT seq, REPEAT('x', 1500) FROM " + SCHEMA + ".seq_1_to_2000",
                "ANALYZE TABLE " + SCHEMA + ".big",
                "CREATE USER '" + NO_GRANTS_USER + "'@'%' IDENTIFIED BY 'pw-" + SUFFIX + "'");
    }

    @AfterAll
    static void dropSchemaAndUser() throws SQLException {
        sql("DROP USER IF EXISTS '" + NO_GRANTS_USER + "'@'%'", "DROP DATABASE IF EXISTS " + SCHEMA);
    }

    @Test
    void everyFigureIsPresentAndSane() throws SQLException {
        MysqlProbe probe = new MysqlProbe(new MysqlSettings(URL, "root", "", List.of(SCHEMA), 1, Duration.ofSeconds(3), null));
        List<Sample> first = probe.collect(1_000);
        double used = value(first, "mysql_connections_used_percent");
        assertTrue(used > 0 && used <= 100, "connections used " + used);
        assertTrue(value(first, "mysql_threads_running") >= 1, "the probe's own query runs");
        assertTrue(value(first, "mysql_uptime_seconds") > 0);
        List<Sample> tables = first.stream().filter(s -> s.metric().equals("mysql_table_size_bytes")).toList();
        assertEquals(1, tables.size(), "top 1");
        assertEquals(SCHEMA, tables.get(0).labels().get("schema"));
        assertEquals("big", tables.get(0).labels().get("table"));
        assertTrue(tables.get(0).value() > 1_000_000, "2000 rows of 1.5 kB: " + tables.get(0).value());

        sql("SELECT SUM(LENGTH(pad)) FROM " + SCHEMA + ".big"); // page reads between the two readings
        List<Sample> second = probe.collect(16_000);
        for (String rate : List.of("mysql_slow_queries_per_second", "mysql_aborted_connections_per_second",
                "mysql_row_lock_waits_per_second")) {
            double v = value(second, rate);
            assertTrue(v >= 0 && v < 1_000, rate + " " + v);
        }
        double ratio = value(second, "mysql_buffer_pool_hit_ratio");
        assertTrue(ratio >= 0 && ratio <= 1, "hit ratio " + ratio);
        // the shared server is not a replica: no replication series at all, so replication rules never see it
        assertTrue(second.stream().noneMatch(s -> s.metric().startsWith("mysql_replication_")));
    }

    @Test
    void aUserWithoutPrivilegesIsToldOnceAndTheProbeKeepsRunning() {
        MysqlProbe probe = new MysqlProbe(new MysqlSettings(URL, NO_GRANTS_USER, "pw-" + SUFFIX, List.of(), 10,
                Duration.ofSeconds(3), null));
        try (LogCapture log = LogCapture.of(MysqlProbe.class)) {
            for (int i = 0; i < 3; i++) {
                List<Sample> s = probe.collect(1_000 + i * 15_000L);
                assertEquals(1, value(s, "mysql_up"));
                assertTrue(value(s, "mysql_connections_used_percent") > 0, "status is open to every user");
                if (i > 0) {
                    assertTrue(value(s, "mysql_slow_queries_per_second") >= 0);
                }
            }
            List<String> lines = log.messages();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("replication status") && lines.get(0).contains("REPLICA MONITOR")
                    && lines.get(0).contains(NO_GRANTS_USER), lines.get(0));
        }
    }
}
