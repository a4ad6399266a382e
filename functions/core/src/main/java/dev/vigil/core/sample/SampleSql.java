package dev.vigil.core.sample;

/**
 * Every statement of the write path, in one place. They run unchanged on MySQL, MariaDB and H2 in
 * MySQL mode: {@code INSERT IGNORE}, multi-row VALUES, and {@code ON DUPLICATE KEY UPDATE} with
 * {@code VALUES(col)} (MySQL 8's row alias form fails on MariaDB).
 */
final class SampleSql {

    static final String INSERT_SERIES_PREFIX =
            "INSERT IGNORE INTO series (host_id, metric, labels, series_hash, created_at) VALUES ";
    static final String INSERT_SERIES_ROW = "(?,?,?,?,?)";

    static final String SELECT_SERIES_IDS_PREFIX =
            "SELECT id, series_hash FROM series WHERE host_id = ? AND series_hash IN (";

    /**
     * A host's series active since the first parameter (received a sample, or were created), the series it
     * created since the third, and the oldest creation time among those: one pass over the host's series.
     */
    static final String COUNT_HOST_SERIES = """
            SELECT COUNT(CASE WHEN s.created_at >= ? OR l.ts >= ? THEN 1 END),
                   COUNT(CASE WHEN s.created_at > ? THEN 1 END),
                   MIN(CASE WHEN s.created_at > ? THEN s.created_at END)
              FROM series s LEFT JOIN latest_values l ON l.series_id = s.id
             WHERE s.host_id = ?""";

    static final String INSERT_SAMPLES_PREFIX = "INSERT IGNORE INTO samples (series_id, ts, value) VALUES ";
    static final String INSERT_SAMPLES_ROW = "(?,?,?)";

    static final String UPSERT_LATEST_PREFIX = "INSERT INTO latest_values (series_id, ts, value) VALUES ";
    static final String UPSERT_LATEST_ROW = "(?,?,?)";
    // value is assigned before ts so it compares against the stored ts on every engine.
    static final String UPSERT_LATEST_SUFFIX = " ON DUPLICATE KEY UPDATE"
            + " value = CASE WHEN VALUES(ts) >= ts THEN VALUES(value) ELSE value END,"
            + " ts = GREATEST(ts, VALUES(ts))";

    static final String TOUCH_HOST =
            "UPDATE hosts SET last_seen_at = GREATEST(COALESCE(last_seen_at, 0), ?) WHERE id = ?";

    private SampleSql() {
    }

    static String rows(String prefix, String row, int count, String suffix) {
        StringBuilder sql = new StringBuilder(prefix.length() + count * (row.length() + 1) + suffix.length());
        sql.append(prefix);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(row);
        }
        return sql.append(suffix).toString();
    }
}
