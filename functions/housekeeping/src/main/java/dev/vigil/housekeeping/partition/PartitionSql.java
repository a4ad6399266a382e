package dev.vigil.housekeeping.partition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The MySQL/MariaDB partition statements (H2 has no partitions; see RetentionSweeper for it). */
final class PartitionSql {

    static final String CATCH_ALL = "pmax";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    static final String LIST = """
            SELECT PARTITION_NAME, PARTITION_DESCRIPTION, COALESCE(TABLE_ROWS, 0),
                   COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)
              FROM information_schema.PARTITIONS
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL
             ORDER BY PARTITION_ORDINAL_POSITION""";
    static final String TABLE_ROWS =
            "SELECT COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";

    private PartitionSql() {
    }

    /** {@code p20261120}: the UTC day the partition starts. */
    static String name(long start) {
        return "p" + DAY.format(Instant.ofEpochMilli(start));
    }

    static String definition(long start, long width) {
        return "PARTITION " + name(start) + " VALUES LESS THAN (" + (start + width) + ")";
    }

    static String catchAll() {
        return "PARTITION " + CATCH_ALL + " VALUES LESS THAN MAXVALUE";
    }

    static String partitionBy(String table, String column, List<String> definitions) {
        return "ALTER TABLE " + table + " PARTITION BY RANGE (" + column + ") (" + String.join(", ", definitions) + ")";
    }

    static String reorganizeCatchAll(String table, List<String> definitions) {
        return "ALTER TABLE " + table + " REORGANIZE PARTITION " + CATCH_ALL + " INTO (" + String.join(", ", definitions) + ")";
    }

    static String add(String table, List<String> definitions) {
        return "ALTER TABLE " + table + " ADD PARTITION (" + String.join(", ", definitions) + ")";
    }

    static String drop(String table, List<String> names) {
        return "ALTER TABLE " + table + " DROP PARTITION " + String.join(", ", names);
    }
}
