package dev.vigil.core.evaluate;

import dev.vigil.core.db.Sql;

import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Plays time for evaluation scenarios: hosts send samples every 15 s of simulated time and the
 * evaluation runs on its schedule; the database is then read back as the operator would see it.
 */
public final class Scenario {

    public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(15);

    /** An alert row as a test checks it. */
    public record Row(long id, String rule, String host, String labels, String severity, String state,
                      Double value, Double threshold, String summary, String runbook, Long predictedAt,
                      boolean silenced, boolean inhibited, Long firingAt, Long endsAt) {
    }

    /** An event with its alert's rule. */
    public record Event(String rule, String kind, String severity, long at, String detail) {
    }

    /** The columns people read, of one alert. */
    public record Readable(String rule, String state, String valueText, String thresholdText, String resolution,
                           String resolutionText, String hostLabels, String runbookUrl, String description) {
    }

    private final AdjustableClock clock;
    private final SampleBatchWriter writer;
    private final HostRegistry hosts;
    private final EvaluationCycle cycle;
    private final DataSource dataSource;

    public Scenario(AdjustableClock clock, SampleBatchWriter writer, HostRegistry hosts, EvaluationCycle cycle,
                    DataSource dataSource) {
        this.clock = clock;
        this.writer = writer;
        this.hosts = hosts;
        this.cycle = cycle;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public int host(String name) {
        return hosts.register(name).orElseThrow().host().id();
    }

    public void retire(String name) {
        hosts.revoke(name);
    }

    public long now() {
        return clock.millis();
    }

    public void send(int hostId, String metric, Map<String, String> labels, double value) {
        writer.write(hostId, List.of(new Sample(metric, labels, clock.millis(), value)));
    }

    public void send(int hostId, List<Sample> samples) {
        writer.write(hostId, samples);
    }

    /**
     * Advances time by {@code total} in 15 s steps; at each step {@code samplesAt} gives the samples
     * to send (by host id; a negative ts means "now") and the evaluation runs every {@code evaluateEvery}.
     */
    public void play(Duration total, Duration evaluateEvery, LongFunction<Map<Integer, List<Sample>>> samplesAt) {
        long end = clock.millis() + total.toMillis();
        long nextEvaluation = clock.millis() + evaluateEvery.toMillis();
        while (clock.millis() < end) {
            clock.advance(SAMPLE_INTERVAL);
            long t = clock.millis();
            samplesAt.apply(t).forEach((hostId, batch) -> {
                if (!batch.isEmpty()) {
                    writer.write(hostId, batch.stream()
                            .map(s -> s.ts() < 0 ? new Sample(s.metric(), s.labels(), t, s.value()) : s).toList());
                }
            });
            if (t >= nextEvaluation) {
                evaluate();
                nextEvaluation += evaluateEvery.toMillis();
            }
        }
    }

    public EvaluationReport evaluate() {
        return cycle.runOnce().orElseThrow(() -> new AssertionError("the evaluation lease was not free"));
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    public List<Row> alerts(String host) {
        return query("SELECT id, rule, host, labels, severity, state, value, threshold, summary, runbook, predicted_at, "
                + "silenced, inhibited, firing_at, ends_at FROM alerts WHERE host = ? ORDER BY id", host, rs -> new Row(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Sql.nullableDouble(rs, 7), Sql.nullableDouble(rs, 8), rs.getString(9), rs.getString(10),
                Sql.nullableLong(rs, 11), rs.getBoolean(12), rs.getBoolean(13), Sql.nullableLong(rs, 14),
                Sql.nullableLong(rs, 15)));
    }

    public List<Row> alerts(String host, String rule) {
        return alerts(host).stream().filter(r -> r.rule().equals(rule)).toList();
    }

    public List<Event> events(String host) {
        return query("SELECT a.rule, e.kind, e.severity, e.at, e.detail FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
                + "WHERE a.host = ? ORDER BY e.id", host, rs -> new Event(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getLong(4), rs.getString(5)));
    }

    /** The readable columns of a host's alerts of one rule, oldest first. */
    public List<Readable> readable(String host, String rule) {
        return query("SELECT rule, state, value_text, threshold_text, resolution, resolution_text, host_labels, "
                + "runbook_url, description FROM alerts WHERE host = ? ORDER BY id", host, rs -> new Readable(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9))).stream().filter(r -> r.rule().equals(rule)).toList();
    }

    /** Sets a host's labels as the API stores them (a JSON object, or null for none). */
    public void label(String host, String labelsJson) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE hosts SET labels = ? WHERE name = ?")) {
            ps.setString(1, labelsJson);
            ps.setString(2, host);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Event> events(String host, String rule) {
        return events(host).stream().filter(e -> e.rule().equals(rule)).toList();
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, String arg, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
