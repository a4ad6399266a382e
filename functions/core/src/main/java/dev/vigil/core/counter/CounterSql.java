package dev.vigil.core.counter;

/**
 * Every counter_state statement. Runs unchanged on MySQL, MariaDB and H2 in MySQL mode: the upsert
 * uses {@code VALUES(col)}, and never moves a reading back in time when two requests race.
 */
final class CounterSql {

    static final String SELECT_FOR_HOST = "SELECT series_hash, ts, value FROM counter_state WHERE host_id = ?";

    static final String UPSERT_PREFIX = "INSERT INTO counter_state (host_id, series_hash, ts, value) VALUES ";
    static final String UPSERT_ROW = "(?,?,?,?)";
    // value is assigned before ts so it compares against the stored ts on every engine.
    static final String UPSERT_SUFFIX = " ON DUPLICATE KEY UPDATE"
            + " value = CASE WHEN VALUES(ts) > ts THEN VALUES(value) ELSE value END,"
            + " ts = GREATEST(ts, VALUES(ts))";

    /** Rows per statement: far below max_allowed_packet, few round trips for a node_exporter scrape. */
    static final int ROWS_PER_STATEMENT = 500;

    private CounterSql() {
    }

    static String upsert(int rows) {
        StringBuilder sql = new StringBuilder(UPSERT_PREFIX);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(UPSERT_ROW);
        }
        return sql.append(UPSERT_SUFFIX).toString();
    }
}
