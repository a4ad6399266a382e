package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.vigil.agent.mysql.MysqlServerHealthLiveTest.URL;
import static dev.vigil.agent.mysql.MysqlServerHealthLiveTest.sql;
import static org.junit.jupiter.api.Assertions.*;

/** Upkeep against the local MariaDB on a database of this test's own: a table with most rows deleted has free space. */
class MysqlUpkeepTest {

    private static final String SCHEMA = "vigil_upkeep_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T03:10:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void createTables() throws SQLException {
        sql("CREATE DATABASE " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".holey (id INT PRIMARY KEY, pad VARCHAR(4000)) ENGINE=InnoDB",
                "CREATE TABLE " + SCHEMA + ".tight (id INT PRIMARY KEY) ENGINE=InnoDB",
                // 12,000 rows of 3 kB (about 40 MB), then 95% deleted: InnoDB keeps the pages as DATA_FREE
                "INSERT INTO " + SCHEMA + ".holey SELECT seq, REPEAT('x', 3000) FROM " + SCHEMA + ".seq_1_to_12000",
                "INSERT INTO " + SCHEMA + ".tight SELECT seq FROM " + SCHEMA + ".seq_1_to_100",
                "DELETE FROM " + SCHEMA + ".holey WHERE id % 20 <> 0",
                "ANALYZE TABLE " + SCHEMA + ".holey");
    }

    @AfterAll
    static void dropTables() throws SQLException {
        sql("DROP DATABASE IF EXISTS " + SCHEMA);
    }

    private static MysqlSettings settings(boolean dryRun) {
        MysqlUpkeepSettings upkeep = new MysqlUpkeepSettings(List.of(SCHEMA + ".holey", SCHEMA + ".tight", SCHEMA + ".gone"),
                null, 10, true, dryRun);
        return new MysqlSettings(URL, "root", "", List.of(), 10, Duration.ofSeconds(5), upkeep);
    }

    private static MysqlUpkeep.TableSpace space(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "root", "")) {
            return MysqlUpkeep.space(c, SCHEMA + "." + table);
        }
    }

    private static String createTime(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "root", "");
             var ps = c.prepareStatement("SELECT create_time FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, SCHEMA);
            ps.setString(2, table);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void dryRunReportsWhatItWouldDoAndChangesNothingThenTheRealRunFreesTheSpace() throws SQLException {
        MysqlUpkeep.TableSpace before = space("holey");
        assertTrue(before.freePercent() >= 10, "test setup: " + before);

        try (MysqlUpkeep dry = new MysqlUpkeep(settings(true), CLOCK)) {
            String createdBefore = createTime("holey");
            MysqlUpkeep.Result r = dry.runNow();
            // DATA_FREE moves while InnoDB purges the deleted rows in the background: only its sign is certain
            assertEquals(new MysqlUpkeep.Result(CLOCK.millis(), true, 2, 1, r.freedBytes()), r);
            assertTrue(r.freedBytes() > 0, r.toString());
            assertEquals(createdBefore, createTime("holey"), "a dry run rebuilds nothing (OPTIMIZE recreates the table)");
            List<Sample> samples = dry.collect(5);
            Map<String, String> labels = Map.of("dry_run", "true");
            assertTrue(samples.contains(Sample.of("mysql_upkeep_tables_optimized", labels, 5, 1)), samples.toString());
            assertTrue(samples.contains(Sample.of("mysql_upkeep_freed_bytes", labels, 5, r.freedBytes())));
            assertTrue(samples.contains(Sample.of("mysql_upkeep_last_run_timestamp_seconds", labels, 5, CLOCK.millis() / 1000.0)));
        }

        try (MysqlUpkeep real = new MysqlUpkeep(settings(false), CLOCK)) {
            MysqlUpkeep.Result r = real.runNow();
            assertEquals(2, r.analyzed());
            assertEquals(1, r.optimized(), "only the table with free space is rebuilt");
            assertTrue(r.freedBytes() > 0, r.toString());
            MysqlUpkeep.TableSpace after = space("holey");
            assertTrue(after.sizeBytes() + after.freeBytes() < before.sizeBytes() + before.freeBytes(), before + " -> " + after);
        }
    }

    @Test
    void tableNamesAreCheckedBeforeTheyReachSql() {
        assertThrows(IllegalArgumentException.class,
                () -> new MysqlUpkeepSettings(List.of("db.t`; DROP TABLE x"), null, 20, true, true));
        assertThrows(IllegalArgumentException.class, () -> new MysqlUpkeepSettings(List.of("no_schema"), null, 20, true, true));
    }
}
