package dev.vigil.core.retention;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which engine is behind the connection. Housekeeping SQL differs between them (partitions,
 * table statistics, maintenance statements); everything else in Vigil runs unchanged on both.
 */
public enum StorageEngine {
    /** MySQL 8 or MariaDB 10.6+: RANGE partitions, information_schema sizes, ANALYZE/OPTIMIZE TABLE. */
    MYSQL,
    /** H2 in MySQL mode, the embedded default: no partitions, sizes from DISK_SPACE_USED. */
    EMBEDDED;

    public static StorageEngine of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        if (product.contains("h2")) {
            return EMBEDDED;
        }
        throw new IllegalStateException("unsupported database: " + product);
    }
}
