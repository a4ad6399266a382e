package dev.vigil.agent.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens a connection to the watched server with short timeouts; the probe and the upkeep share it. */
final class MysqlConnector {

    static final int CONNECT_TIMEOUT_MS = 3_000;

    private final java.sql.Driver driver;
    private final MysqlSettings settings;

    MysqlConnector(MysqlSettings settings) {
        this.settings = settings;
        try {
            this.driver = new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL driver unavailable", e);
        }
    }

    /** @param socketTimeoutMs the longest a read may block (a lost server must not hold a thread forever) */
    Connection open(long socketTimeoutMs) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", Long.toString(socketTimeoutMs));
        props.setProperty("connectionAttributes", "program_name:vigil-agent");
        Connection connection = driver.connect(settings.url(), props);
        if (connection == null) {
            throw new SQLException("not a MySQL JDBC URL: " + settings.url());
        }
        return connection;
    }
}
