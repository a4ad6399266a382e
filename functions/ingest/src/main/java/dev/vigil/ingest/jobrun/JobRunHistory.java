package dev.vigil.ingest.jobrun;

import dev.vigil.ingest.admin.ReadStatements;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The newest runs from {@code job_runs}, optionally of one job and only failed ones. */
@Singleton
public class JobRunHistory {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;

    private final ReadStatements reads;

    public JobRunHistory(ReadStatements reads) {
        this.reads = reads;
    }

    public List<JobRunView> list(@Nullable String job, @Nullable Boolean ok, int limit) {
        ReadStatements.Where where = new ReadStatements.Where().and("job = ?", job).and("ok = ?", ok);
        String sql = "SELECT id, job, started_at, finished_at, ok, details FROM job_runs" + where.sql()
                + " ORDER BY finished_at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, MAX_LIMIT));
        return reads.read("job runs", session -> session.list(sql, JobRunHistory::row, where.params()));
    }

    private static JobRunView row(ResultSet rs) throws SQLException {
        long started = rs.getLong(3);
        long finished = rs.getLong(4);
        return new JobRunView(rs.getLong(1), rs.getString(2), started, finished, Math.max(0, finished - started),
                rs.getBoolean(5), rs.getString(6));
    }
}
