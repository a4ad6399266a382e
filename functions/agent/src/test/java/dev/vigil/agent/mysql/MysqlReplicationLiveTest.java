package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vigil.agent.mysql.ServerHealthTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replication figures on a real replica: two private MariaDB servers of this test's own (the machine's
 * mariadbd, fresh data folders, loopback ports), the second replicating the first with a 30 s delay. The
 * probe sees the replica running, its lag grow behind a write, and replication broken when a thread stops;
 * the primary has no replication series at all.
 */
class MysqlReplicationLiveTest {

    static final String MARIADBD = "/usr/sbin/mariadbd";
    static final String INSTALL_DB = "/usr/bin/mariadb-install-db";

    @TempDir
    static Path dir;
    static Server primary;
    static Server replica;

    record Server(Process process, int port) {
        String url() {
            return "jdbc:mysql://127.0.0.1:" + port + "/";
        }

        void sql(String... statements) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(), "root", ""); Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            }
        }

        List<Sample> probe() {
            return new MysqlProbe(new MysqlSettings(url(), "root", "", List.of(), 1, Duration.ofSeconds(3), null)).collect(1_000);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @BeforeAll
    static void startPrimaryAndReplica() throws Exception {
        primary = start("primary", 1);
        replica = start("replica", 2);
        primary.sql("CREATE USER 'repl'@'%' IDENTIFIED BY 'repl-pw'", "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        replica.sql("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port() + ", MASTER_USER='repl',"
                + " MASTER_PASSWORD='repl-pw', MASTER_USE_GTID=no, MASTER_DELAY=30", "START SLAVE");
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        if (replica != null) {
            replica.stop();
        }
        if (primary != null) {
            primary.stop();
        }
    }

    static Server start(String name, int serverId) throws Exception {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        run(INSTALL_DB, "--no-defaults", "--user=root", "--datadir=" + data, "--auth-root-authentication-method=normal",
                "--skip-test-db");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(MARIADBD, "--no-defaults", "--user=root", "--datadir=" + data, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + data.resolve("mysqld.sock"), "--pid-file=" + data.resolve("mysqld.pid"),
                "--server-id=" + serverId, "--log-bin=" + data.resolve("binlog"), "--innodb-buffer-pool-size=32M",
                "--skip-log-error", "--relay-log=" + data.resolve("relay"))
                .redirectErrorStream(true).redirectOutput(data.resolve("log").toFile()).start();
        Server server = new Server(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                server.sql("SELECT 1");
                return server;
            } catch (SQLException notYet) {
                if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(name + " did not start: " + Files.readString(data.resolve("log")));
                }
                Thread.sleep(200);
            }
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Test
    void aReplicaReportsRunningLagAndBreakage() throws Exception {
        assertTrue(primary.probe().stream().noneMatch(s -> s.metric().startsWith("mysql_replication_")),
                "a primary has no replication series");

        List<Sample> running = waitForRunning();
        assertEquals(1.0, value(running, "mysql_replication_running"));

        primary.sql("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY)", "INSERT INTO shop.orders VALUES (1)");
        double lag = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (lag < 3 && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            List<Sample> s = replica.probe();
            lag = s.stream().filter(x -> x.metric().equals("mysql_replication_lag_seconds")).mapToDouble(Sample::value).findFirst().orElse(0);
        }
        assertTrue(lag >= 3 && lag < 60, "the delayed replica falls behind the write: lag " + lag);

        replica.sql("STOP SLAVE SQL_THREAD");
        assertEquals(0.0, value(replica.probe(), "mysql_replication_running"), "a stopped SQL thread is broken replication");
    }

    private static List<Sample> waitForRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Sample> s = replica.probe();
        while (value(s, "mysql_replication_running") != 1.0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(300);
            s = replica.probe();
        }
        return s;
    }
}
