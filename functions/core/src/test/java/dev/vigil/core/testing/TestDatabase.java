package dev.vigil.core.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh MySQL-compatible database per test class. The server is, in order: the one named by
 * VIGIL_TEST_JDBC_URL (+ _USER, _PASSWORD), a Testcontainers MySQL when a Docker engine exists,
 * else the local MariaDB on 127.0.0.1:3306 (root, empty password). Databases are dropped at exit.
 */
public final class TestDatabase {

    private static final String LOCAL_SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final String URL_PARAMS = "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    private static final List<String> CREATED = new ArrayList<>();
    private static Server server;

    private record Server(String baseUrl, String user, String password) {
    }

    private TestDatabase() {
    }

    /** Creates an empty database and returns the datasource properties that point at it. */
    public static synchronized Map<String, String> freshMysql() {
        Server s = server();
        String name = mysqlName(System.currentTimeMillis());
        try (Connection c = DriverManager.getConnection(s.baseUrl() + URL_PARAMS, s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + s.baseUrl()
                    + " (is MariaDB running? start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)", e);
        }
        CREATED.add(name);
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", s.baseUrl() + name + URL_PARAMS);
        props.put("datasources.default.username", s.user());
        props.put("datasources.default.password", s.password());
        return props;
    }

    /**
     * vigil_t_&lt;creation epoch ms in base 36&gt;_&lt;random base 36&gt;. bin/test reads the creation time back to drop
     * only databases of crashed runs (older than a few hours), never one a running test still uses: keep the
     * format in step with it.
     */
    static String mysqlName(long createdAtMillis) {
        return "vigil_t_" + Long.toString(createdAtMillis, 36)
                + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    /** An in-memory H2 database in MySQL mode, the embedded default's engine. */
    public static Map<String, String> freshH2() {
        String name = "vigil_t_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:mem:" + name
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1");
        props.put("datasources.default.username", "sa");
        props.put("datasources.default.password", "");
        return props;
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("VIGIL_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            server = new Server(url.endsWith("/") ? url : url + "/", env("VIGIL_TEST_JDBC_USER", "root"),
                    env("VIGIL_TEST_JDBC_PASSWORD", ""));
        } else if (dockerConfigured() && DockerClientFactory.instance().isDockerAvailable()) {
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.0").withUsername("root").withPassword("vigil");
            mysql.start();
            server = new Server("jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306) + "/", "root", "vigil");
        } else {
            server = new Server(LOCAL_SERVER, "root", "");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
        return server;
    }

    /**
     * Only asks Testcontainers when a Docker engine may be there: its probe logs an ERROR and tries every strategy
     * when none is, which would put an ERROR into every green run on a machine without Docker.
     */
    private static boolean dockerConfigured() {
        String home = System.getProperty("user.home");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"));
    }

    private static synchronized void dropCreated() {
        try (Connection c = DriverManager.getConnection(server.baseUrl() + URL_PARAMS, server.user(), server.password());
             Statement st = c.createStatement()) {
            for (String name : CREATED) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException ignored) {
            // best effort: bin/test drops what a crashed run left behind once it is hours old
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
