package dev.vigil.ingest.outage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own (own data directory, socket and free port), so a test can kill
 * and restart a database without touching the shared server on 3306 that other test runs use.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process server;

    private PrivateMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Initialises a data directory and starts the server on a free port. */
    public static PrivateMariaDb start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vigil-mariadb-");
        PrivateMariaDb db = new PrivateMariaDb(dir, freePort());
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
        db.startServer();
        return db;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4");
        }
    }

    /** SIGKILL, as a crash or an OOM kill would: open connections see a reset, new ones are refused. */
    public void kill() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor();
            server = null;
        }
    }

    public void startServer() throws IOException, InterruptedException {
        server = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--port=" + port, "--bind-address=127.0.0.1", "--user=root", "--skip-log-bin",
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", "--skip-name-resolve")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl(""), "root", "")) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("private MariaDB did not start; see " + dir.resolve("server.log"), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws Exception {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
