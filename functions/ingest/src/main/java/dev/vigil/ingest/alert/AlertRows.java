package dev.vigil.ingest.alert;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.host.HostLabels;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;
import dev.vigil.ingest.admin.ReadStatements;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static dev.vigil.core.db.Sql.nullableDouble;
import static dev.vigil.core.db.Sql.nullableLong;

/** The rows of the console's alert list: one statement over {@code alerts}, newest first. */
@Singleton
public class AlertRows {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    private static final String COLUMNS = "id, rule, host, labels, host_labels, severity, state, value, value_text, "
            + "threshold_text, starts_at, firing_at, ends_at, summary, runbook_url, silenced, inhibited, acknowledged_at, "
            + "acknowledged_by, acknowledged_comment";

    private final ReadStatements reads;

    public AlertRows(ReadStatements reads) {
        this.reads = reads;
    }

    public record Filter(@Nullable AlertState state, @Nullable String host, @Nullable Severity severity,
                         @Nullable String rule, int limit) {
    }

    public List<AlertRow> list(Filter f) {
        ReadStatements.Where where = new ReadStatements.Where()
                .and("state = ?", f.state() == null ? null : f.state().wire())
                .and("host = ?", f.host())
                .and("severity = ?", f.severity() == null ? null : f.severity().wire())
                .and("rule = ?", f.rule());
        String sql = "SELECT " + COLUMNS + " FROM alerts" + where.sql() + " ORDER BY id DESC LIMIT "
                + Math.max(1, Math.min(f.limit(), MAX_LIMIT));
        return reads.read("alert rows", session -> session.list(sql, AlertRows::row, where.params()));
    }

    private static AlertRow row(ResultSet rs) throws SQLException {
        Long acknowledgedAt = nullableLong(rs, 18);
        return new AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), Labels.fromJson(rs.getString(4)),
                HostLabels.fromJson(rs.getString(5)), rs.getString(6), rs.getString(7), nullableDouble(rs, 8),
                rs.getString(9), rs.getString(10), rs.getLong(11), nullableLong(rs, 12), nullableLong(rs, 13),
                rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getBoolean(17), acknowledgedAt != null,
                rs.getString(19), acknowledgedAt, rs.getString(20));
    }
}
