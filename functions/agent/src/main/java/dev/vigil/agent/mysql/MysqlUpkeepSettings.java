package dev.vigil.agent.mysql;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Database upkeep for listed tables: ANALYZE TABLE every run, OPTIMIZE TABLE when the table's free space
 * (information_schema DATA_FREE) is at least {@code optimizeFreeAbovePercent} of its size. Dry-run by default:
 * then it only reports what it would do.
 *
 * @param tables "schema.table" names
 */
public record MysqlUpkeepSettings(List<String> tables, Duration every, double optimizeFreeAbovePercent,
                                  boolean analyze, boolean dryRun) {

    /** Statistics drift slowly and OPTIMIZE rebuilds the table: weekly is what DBAs schedule by hand. */
    public static final Duration DEFAULT_EVERY = Duration.ofDays(7);
    /** Below a fifth of the table free, a rebuild's I/O costs more than the space it returns. */
    public static final double DEFAULT_OPTIMIZE_FREE_ABOVE_PERCENT = 20;
    /** Plain identifiers only: the names end up quoted in ANALYZE/OPTIMIZE, which take no parameters. */
    static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}\\.[A-Za-z0-9_$]{1,64}");

    public MysqlUpkeepSettings {
        tables = List.copyOf(tables);
        every = every == null ? DEFAULT_EVERY : every;
        for (String t : tables) {
            if (!TABLE_NAME.matcher(t).matches()) {
                throw new IllegalArgumentException("'" + t + "' is not schema.table (letters, digits, _ and $ only)");
            }
        }
        if (optimizeFreeAbovePercent <= 0 || optimizeFreeAbovePercent >= 100) {
            throw new IllegalArgumentException("optimize-free-above-percent must be between 0 and 100");
        }
    }
}
