package dev.vigil.ingest.alert;

import dev.vigil.core.silence.Silence;
import dev.vigil.core.sample.Labels;
import dev.vigil.ingest.admin.ReadStatements;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Silences that no longer mute anything (expired by hand or past their end), most recently ended first. */
@Singleton
public class ExpiredSilences {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final ReadStatements reads;

    public ExpiredSilences(ReadStatements reads) {
        this.reads = reads;
    }

    public List<Silence> list(long now, int limit) {
        String sql = "SELECT id, matchers, starts_at, ends_at, cron, duration_ms, comment, created_by, created_at, expired_at "
                + "FROM silences WHERE expired_at IS NOT NULL OR ends_at <= ? "
                + "ORDER BY CASE WHEN expired_at IS NOT NULL AND expired_at < ends_at THEN expired_at ELSE ends_at END DESC, id DESC "
                + "LIMIT " + Math.max(1, Math.min(limit, MAX_LIMIT));
        return reads.read("expired silences", session -> session.list(sql, ExpiredSilences::row, List.of(now)));
    }

    private static Silence row(ResultSet rs) throws SQLException {
        return new Silence(rs.getLong(1), Labels.fromJson(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getString(5),
                dev.vigil.core.db.Sql.nullableLong(rs, 6), rs.getString(7), rs.getString(8), rs.getLong(9),
                dev.vigil.core.db.Sql.nullableLong(rs, 10));
    }
}
