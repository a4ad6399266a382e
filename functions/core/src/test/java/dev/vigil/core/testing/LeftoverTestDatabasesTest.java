package dev.vigil.core.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/drop-leftover-test-databases drops what crashed runs left behind and nothing a running test uses:
 * it reads the creation time back from TestDatabase's names.
 */
class LeftoverTestDatabasesTest {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true";

    @Test
    void dropsOnlyTestDatabasesOlderThanTheCutoff() throws Exception {
        TestDatabase.freshMysql(); // makes sure the local server is the one in use and answers
        // 2,000 h old against a 1,000 h cutoff: nothing a real run of today could own
        String crashed = TestDatabase.mysqlName(System.currentTimeMillis() - Duration.ofHours(2_000).toMillis());
        String running = TestDatabase.mysqlName(System.currentTimeMillis() - Duration.ofHours(999).toMillis());
        String foreign = "vigil_t_keep_me_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement st = c.createStatement()) {
            for (String db : List.of(crashed, running, foreign)) {
                st.execute("CREATE DATABASE " + db);
            }
            try {
                ProcessBuilder drop = new ProcessBuilder(repositoryRoot().resolve("bin/drop-leftover-test-databases").toString())
                        .redirectErrorStream(true);
                drop.environment().put("VIGIL_TEST_LEFTOVER_HOURS", "1000");
                Process script = drop.start();
                script.getOutputStream().close();
                String out = new String(script.getInputStream().readAllBytes());
                assertTrue(script.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, script.exitValue(), out);
                List<String> left = schemas(st);
                assertFalse(left.contains(crashed), "the crashed run's database is dropped: " + out);
                assertTrue(left.contains(running), "a younger database is kept");
                assertTrue(left.contains(foreign), "a name without a creation time is kept");
            } finally {
                for (String db : List.of(crashed, running, foreign)) {
                    st.execute("DROP DATABASE IF EXISTS " + db);
                }
            }
        }
    }

    private static List<String> schemas(Statement st) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/drop-leftover-test-databases"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/drop-leftover-test-databases not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
