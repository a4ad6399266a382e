package dev.vigil.agent.mysql;

import java.time.Duration;
import java.util.List;

/**
 * A database to watch, reached with a read-only user. Empty schemas means every user schema.
 *
 * @param tableSizesTop how many of the largest tables are reported as mysql_table_size_bytes (0: none)
 * @param queryTimeout  the longest any one probe query may run
 * @param upkeep        null unless database upkeep is configured
 */
public record MysqlSettings(String url, String user, String password, List<String> schemas,
                            int tableSizesTop, Duration queryTimeout, MysqlUpkeepSettings upkeep) {

    /** Enough to see which tables grow without sending a series per table of a large schema. */
    public static final int DEFAULT_TABLE_SIZES_TOP = 10;
    /** Every probe query is cheap; one that takes longer than this is itself the news (DatabaseSlow). */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    public MysqlSettings {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        password = password == null ? "" : password;
        queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
        if (tableSizesTop < 0) {
            throw new IllegalArgumentException("tableSizesTop must be >= 0");
        }
    }

    public MysqlSettings(String url, String user, String password, List<String> schemas) {
        this(url, user, password, schemas, DEFAULT_TABLE_SIZES_TOP, DEFAULT_QUERY_TIMEOUT, null);
    }

    /** JDBC's query timeout is whole seconds; anything shorter still gets one. */
    int queryTimeoutSeconds() {
        return (int) Math.max(1, queryTimeout.toSeconds());
    }
}
