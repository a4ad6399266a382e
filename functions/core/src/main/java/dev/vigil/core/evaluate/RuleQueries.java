package dev.vigil.core.evaluate;

import dev.vigil.core.db.Sql;

import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.rules.Aggregation;
import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read of the evaluator, in one place: statements per rule across all hosts, never per host.
 * Current values come from latest_values (one statement); windows list the metric's series
 * (ix_series_metric_host) and then range-scan the samples primary key (series_id, ts) for up to
 * {@link #IDS_PER_STATEMENT} series per statement. Both find series through the index alone; host
 * names come from the one hosts read, and labels are read by id, in bulk, only for the series the
 * caller asks for ({@link #readLabels}). Portable SQL only, so the same text runs on MySQL, MariaDB and H2.
 */
final class RuleQueries {

    /** One series' number for a rule, with its host and labels. */
    record SeriesNumber(long seriesId, int hostId, String host, String labelsJson, double value, long ts) {
    }

    /**
     * One series' number before its host name and labels are read: enough to decide whether it can
     * matter this cycle. Labels live in the wide series rows, whose pages a 10k-host fleet cannot keep
     * in a small buffer pool, so they are read only for the series that can.
     */
    record SeriesValue(long seriesId, int hostId, double value, long ts) {
    }

    /** Least-squares sums over one series' window; x is seconds relative to the evaluation time. */
    record TrendSums(long seriesId, int hostId, long n, double sx, double sy,
                     double sxy, double sxx, long minTs, long maxTs, double latest) {
    }

    /** A host that is not revoked; {@code lastSeenAt} is null until it first sent, {@code labelsJson} until labelled. */
    record HostSeen(int hostId, String host, @Nullable Long lastSeenAt, @Nullable String labelsJson) {
    }

    // Both read only ix_series_metric_host, which holds (metric, host_id, id): no series row, no labels.
    private static final String LATEST_VALUES = """
            SELECT s.id, s.host_id, l.value, l.ts
              FROM series s
              JOIN latest_values l ON l.series_id = s.id
             WHERE s.metric = ? AND l.ts >= ?""";

    private static final String SERIES = "SELECT s.id, s.host_id FROM series s WHERE s.metric = ?";

    private static final String LABELS = "SELECT id, labels FROM series WHERE id IN (%s)";

    // An explicit id list makes every series one range of the (series_id, ts) key: a join from
    // series would read each series' whole history (ref access on series_id) and filter ts after.
    private static final String WINDOW = """
            SELECT x.series_id, %s, MAX(x.ts)
              FROM samples x
             WHERE x.series_id IN (%s) AND x.ts > ? AND x.ts <= ?
             GROUP BY x.series_id""";

    // ms -> s by an exponent literal, which MySQL types DOUBLE: 0.001 would make it sum in slow DECIMAL
    private static final String TREND = """
            SELECT x.series_id, COUNT(*),
                   SUM((x.ts - ?) * 1e-3), SUM(x.value), SUM(x.value * ((x.ts - ?) * 1e-3)),
                   SUM(((x.ts - ?) * 1e-3) * ((x.ts - ?) * 1e-3)), MIN(x.ts), MAX(x.ts)
              FROM samples x
             WHERE x.series_id IN (%s) AND (%s)
             GROUP BY x.series_id""";

    private static final String TS_RANGE = "(x.ts > ? AND x.ts <= ?)";

    /**
     * Length of each of the three sub-windows (start, middle and end of the window) a long trend is
     * fitted on: a quarter of the rows of the whole hour at 5 min of 60, and the fitted slope barely
     * moves (the points far from the window's centre carry a least-squares slope).
     */
    static final long TREND_PIECE_MILLIS = 5 * 60_000L;

    /** Windows shorter than this are fitted on every point: the sub-windows would hold too few. */
    static final long TREND_SUBSAMPLE_FROM_MILLIS = 6 * TREND_PIECE_MILLIS;

    /**
     * Ids per statement. MariaDB turns IN lists of 1000 or more values into a join
     * (in_predicate_conversion_threshold), which loses the range access again.
     */
    static final int IDS_PER_STATEMENT = 900;

    record SeriesMeta(long id, int hostId) {
    }

    private static final String HOSTS = "SELECT id, name, last_seen_at, labels FROM hosts WHERE revoked_at IS NULL";

    // the latest value of a metric's series on some hosts, however old: when did a quiet series last report
    private static final String LATEST_ON_HOSTS = """
            SELECT s.id, s.host_id, h.name, s.labels, l.value, l.ts
              FROM series s
              JOIN hosts h ON h.id = s.host_id
              JOIN latest_values l ON l.series_id = s.id
             WHERE s.metric = ? AND s.host_id IN (%s)""";

    private final Connection connection;
    private final EvaluationShard shard;
    private int statements;
    private final Map<String, List<SeriesNumber>> latestRead = new HashMap<>();
    private final Map<String, List<SeriesValue>> latestValuesRead = new HashMap<>();
    private final Map<Long, String> labels = new HashMap<>();
    private List<HostSeen> hosts;
    private Map<Integer, String> hostNames;

    RuleQueries(Connection connection) {
        this(connection, EvaluationShard.ALL);
    }

    /** Reads only the series and hosts of {@code shard}'s hosts. */
    RuleQueries(Connection connection, EvaluationShard shard) {
        this.connection = connection;
        this.shard = shard;
    }

    int statements() {
        return statements;
    }

    /**
     * Current values of a metric, read once per cycle (this object lives for one cycle): a metric that
     * two rules read, like disk_free_bytes for DiskFreeLow and the trend, costs one statement.
     */
    List<SeriesNumber> latest(String metric, long freshSince) {
        return latestRead.computeIfAbsent(metric + '\u0000' + freshSince, k -> named(latestValues(metric, freshSince)));
    }

    /** As {@link #latest} without host names and labels (of active hosts only), read once per cycle. */
    List<SeriesValue> latestValues(String metric, long freshSince) {
        return latestValuesRead.computeIfAbsent(metric + '\u0000' + freshSince, k -> {
            Map<Integer, String> active = hostNames();
            statements++;
            return Sql.call("could not read the latest values of " + metric, () -> {
                try (PreparedStatement ps = connection.prepareStatement(LATEST_VALUES + shard.sqlFilter("s.host_id"))) {
                    ps.setString(1, metric);
                    ps.setLong(2, freshSince);
                    shard.bind(ps, 3);
                    List<SeriesValue> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (active.containsKey(rs.getInt(2))) {
                                out.add(new SeriesValue(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getLong(4)));
                            }
                        }
                    }
                    return java.util.Collections.unmodifiableList(out);
                }
            });
        });
    }

    /** The values with their host names and labels (read in bulk for the series not read yet this cycle). */
    List<SeriesNumber> named(List<SeriesValue> values) {
        List<Long> ids = new ArrayList<>(values.size());
        values.forEach(v -> ids.add(v.seriesId()));
        readLabels(ids);
        List<SeriesNumber> out = new ArrayList<>(values.size());
        for (SeriesValue v : values) {
            String l = labels.get(v.seriesId());
            if (l != null) {
                out.add(new SeriesNumber(v.seriesId(), v.hostId(), hostName(v.hostId()), l, v.value(), v.ts()));
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** Reads the labels of these series, in statements of {@link #IDS_PER_STATEMENT}, skipping those already read. */
    void readLabels(java.util.Collection<Long> seriesIds) {
        List<Long> missing = new ArrayList<>();
        for (Long id : seriesIds) {
            if (!labels.containsKey(id)) {
                missing.add(id);
                labels.put(id, null);
            }
        }
        for (int from = 0; from < missing.size(); from += IDS_PER_STATEMENT) {
            List<Long> chunk = missing.subList(from, Math.min(missing.size(), from + IDS_PER_STATEMENT));
            statements++;
            Sql.run("could not read series labels", () -> {
                try (PreparedStatement ps = connection.prepareStatement(LABELS.formatted(placeholders(chunk.size())))) {
                    int p = 1;
                    for (long id : chunk) {
                        ps.setLong(p++, id);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            labels.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
            });
        }
    }

    /** Labels of a series read by {@link #readLabels}. */
    String labelsOf(long seriesId) {
        String l = labels.get(seriesId);
        if (l == null) {
            throw new IllegalStateException("labels of series " + seriesId + " were not read");
        }
        return l;
    }

    /** The name of an active host. */
    String hostName(int hostId) {
        return hostNames().get(hostId);
    }

    private Map<Integer, String> hostNames() {
        if (hostNames == null) {
            Map<Integer, String> names = new HashMap<>();
            hosts().forEach(h -> names.put(h.hostId(), h.host()));
            hostNames = names;
        }
        return hostNames;
    }

    List<SeriesValue> window(String metric, List<SeriesMeta> series, Aggregation aggregation, long from, long to) {
        String function = switch (aggregation) {
            case AVG -> "AVG(x.value)";
            case MIN -> "MIN(x.value)";
            case MAX -> "MAX(x.value)";
            case INCREASE -> "MAX(x.value) - MIN(x.value)";
            case LAST -> throw new IllegalArgumentException("LAST reads latest_values");
        };
        List<SeriesValue> out = new ArrayList<>();
        for (List<SeriesMeta> chunk : chunks(series)) {
            Map<Long, SeriesMeta> byId = byId(chunk);
            Sql.run("could not aggregate " + metric, () -> {
                try (PreparedStatement ps = connection.prepareStatement(WINDOW.formatted(function, placeholders(chunk.size())))) {
                    int p = bindIds(ps, chunk);
                    ps.setLong(p++, from);
                    ps.setLong(p, to);
                    statements++;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SeriesMeta m = byId.get(rs.getLong(1));
                            out.add(new SeriesValue(m.id(), m.hostId(), rs.getDouble(2), rs.getLong(3)));
                        }
                    }
                }
            });
        }
        return out;
    }

    /**
     * Least-squares sums of each series over (from, now]. A window of at least
     * {@link #TREND_SUBSAMPLE_FROM_MILLIS} is read as three short sub-windows (its first, middle and
     * last {@link #TREND_PIECE_MILLIS}), all as ranges of the samples key in one statement per chunk;
     * a series whose sub-windows do not reach back to the window's start (a new series, a gap) or hold
     * fewer than {@code minSamples} points is read again over the whole window, as before.
     */
    List<TrendSums> trend(String metric, List<SeriesMeta> series, long from, long now, long freshSince, int minSamples) {
        Map<Long, Double> latestValues = new HashMap<>();
        for (SeriesValue n : latestValues(metric, freshSince)) {
            latestValues.put(n.seriesId(), n.value());
        }
        if (now - from < TREND_SUBSAMPLE_FROM_MILLIS) {
            return trendSums(metric, series, new long[] {from, now}, now, latestValues);
        }
        long mid = from + (now - from) / 2;
        long[] pieces = {
                from, from + TREND_PIECE_MILLIS,
                mid - TREND_PIECE_MILLIS / 2, mid + TREND_PIECE_MILLIS / 2,
                now - TREND_PIECE_MILLIS, now};
        Map<Long, TrendSums> fitted = new HashMap<>();
        for (TrendSums t : trendSums(metric, series, pieces, now, latestValues)) {
            if (t.minTs() <= from + TREND_PIECE_MILLIS && t.n() >= minSamples) {
                fitted.put(t.seriesId(), t);
            }
        }
        List<SeriesMeta> whole = new ArrayList<>();
        for (SeriesMeta m : series) {
            if (!fitted.containsKey(m.id())) {
                whole.add(m);
            }
        }
        List<TrendSums> out = new ArrayList<>(fitted.values());
        if (!whole.isEmpty()) {
            out.addAll(trendSums(metric, whole, new long[] {from, now}, now, latestValues));
        }
        return out;
    }

    /** @param ranges pairs of (exclusive start, inclusive end) sample times */
    private List<TrendSums> trendSums(String metric, List<SeriesMeta> series, long[] ranges, long now,
                                      Map<Long, Double> latestValues) {
        String rangeSql = String.join(" OR ", java.util.Collections.nCopies(ranges.length / 2, TS_RANGE));
        List<TrendSums> out = new ArrayList<>();
        for (List<SeriesMeta> chunk : chunks(series)) {
            Map<Long, SeriesMeta> byId = byId(chunk);
            Sql.run("could not read the trend of " + metric, () -> {
                try (PreparedStatement ps = connection.prepareStatement(TREND.formatted(placeholders(chunk.size()), rangeSql))) {
                    for (int i = 1; i <= 4; i++) {
                        ps.setLong(i, now);
                    }
                    int p = 5;
                    for (SeriesMeta m : chunk) {
                        ps.setLong(p++, m.id());
                    }
                    for (long bound : ranges) {
                        ps.setLong(p++, bound);
                    }
                    statements++;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SeriesMeta m = byId.get(rs.getLong(1));
                            Double latest = latestValues.get(m.id());
                            if (latest == null) {
                                continue;
                            }
                            out.add(new TrendSums(m.id(), m.hostId(), rs.getLong(2),
                                    rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7),
                                    rs.getLong(8), latest));
                        }
                    }
                }
            });
        }
        return out;
    }

    List<SeriesMeta> seriesOf(String metric) {
        hostNames();
        statements++;
        return Sql.call("could not list the series of " + metric, () -> {
            try (PreparedStatement ps = connection.prepareStatement(SERIES + shard.sqlFilter("s.host_id"))) {
                ps.setString(1, metric);
                shard.bind(ps, 2);
                Map<Integer, String> active = hostNames();
                List<SeriesMeta> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (active.containsKey(rs.getInt(2))) {
                            out.add(new SeriesMeta(rs.getLong(1), rs.getInt(2)));
                        }
                    }
                }
                return out;
            }
        });
    }

    private static List<List<SeriesMeta>> chunks(List<SeriesMeta> all) {
        List<List<SeriesMeta>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
            out.add(all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT)));
        }
        return out;
    }

    private static Map<Long, SeriesMeta> byId(List<SeriesMeta> chunk) {
        Map<Long, SeriesMeta> map = new HashMap<>(chunk.size() * 2);
        chunk.forEach(m -> map.put(m.id(), m));
        return map;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static int bindIds(PreparedStatement ps, List<SeriesMeta> chunk) throws SQLException {
        int p = 1;
        for (SeriesMeta m : chunk) {
            ps.setLong(p++, m.id());
        }
        return p;
    }

    /** Every active host (of the shard), read once per cycle (this object lives for one cycle). */
    List<HostSeen> hosts() {
        if (hosts != null) {
            return hosts;
        }
        statements++;
        return Sql.call("could not read hosts", () -> {
            try (PreparedStatement ps = connection.prepareStatement(HOSTS + shard.sqlFilter("id"))) {
                shard.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    List<HostSeen> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new HostSeen(rs.getInt(1), rs.getString(2), Sql.nullableLong(rs, 3), rs.getString(4)));
                    }
                    hosts = java.util.Collections.unmodifiableList(out);
                    return hosts;
                }
            }
        });
    }

    /** The latest value of each series of {@code metric} on these hosts, however old. */
    List<SeriesNumber> latestOn(String metric, java.util.Collection<Integer> hostIds) {
        List<Integer> ids = new ArrayList<>(hostIds);
        List<SeriesNumber> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<Integer> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            out.addAll(numbers(LATEST_ON_HOSTS.formatted(placeholders(chunk.size())), ps -> {
                ps.setString(1, metric);
                int p = 2;
                for (int id : chunk) {
                    ps.setInt(p++, id);
                }
            }));
        }
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<SeriesNumber> numbers(String sql, Binder binder) {
        statements++;
        return Sql.call("could not evaluate " + sql.lines().findFirst().orElse(""), () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                List<SeriesNumber> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesNumber(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getDouble(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }
}
