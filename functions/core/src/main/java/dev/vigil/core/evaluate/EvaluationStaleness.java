package dev.vigil.core.evaluate;

import dev.vigil.core.db.Sql;
import dev.vigil.core.job.JobNames;
import dev.vigil.core.job.JobRunRecorder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Monitoring the monitor: is the last successful evaluation older than three evaluation intervals
 * ({@code vigil.evaluate.interval})? Alerts are then not being raised. The one answer both {@code /health}
 * and notify's VigilEvaluationStale meta-alert give.
 * <p>
 * With shards ({@link EvaluationShard}) every host was evaluated only as recently as the shard that ran
 * longest ago, so that shard's last success is the answer. The shard count is read from the job runs
 * themselves (the newest successful evaluation's name), not from this process's config: notify and the API
 * do not know how the evaluators are split. A shard that has not run since shards were switched on counts
 * from the last run of the single evaluator, which covered its hosts too.
 */
@Singleton
public class EvaluationStaleness {

    /** One missed run is a slow cycle or a deploy; three in a row is an outage. */
    public static final int STALE_AFTER_INTERVALS = 3;

    // the (job, finished_at) index answers this without reading the runs themselves
    private static final String EVALUATION_JOBS =
            "SELECT DISTINCT job FROM job_runs WHERE job = ? OR job LIKE ?";

    /**
     * @param lastSuccessAt null when evaluation never succeeded (a fresh install, which is stale but not an outage);
     *                      with shards, the last success of the shard that succeeded longest ago
     * @param age           how long ago it last succeeded; null with {@code lastSuccessAt}
     */
    public record Status(boolean stale, @Nullable Long lastSuccessAt, @Nullable Duration age, Duration staleAfter) {
    }

    private final JobRunRecorder runs;
    private final ConnectionOperations<Connection> connections;
    private final Clock clock;
    private final Duration staleAfter;

    public EvaluationStaleness(JobRunRecorder runs, ConnectionOperations<Connection> connections, Clock clock,
                               EvaluateProperties properties) {
        this.runs = runs;
        this.connections = connections;
        this.clock = clock;
        this.staleAfter = properties.getInterval().multipliedBy(STALE_AFTER_INTERVALS);
    }

    public Status check() {
        Long last = lastSuccessOfEveryHost();
        if (last == null) {
            return new Status(true, null, null, staleAfter);
        }
        Duration age = Duration.ofMillis(Math.max(0, clock.millis() - last));
        return new Status(age.compareTo(staleAfter) > 0, last, age, staleAfter);
    }

    /** When every host was last evaluated: the single evaluator's last success, or the oldest of the shards'. */
    @Nullable
    public Long lastSuccessOfEveryHost() {
        Long newest = null;
        EvaluationShard current = EvaluationShard.ALL;
        for (String job : evaluationJobs()) {
            EvaluationShard shard = EvaluationShard.ofJobName(job);
            Long at = shard == null ? null : runs.lastSuccessAt(job).orElse(null);
            if (at != null && (newest == null || at > newest)) {
                newest = at;
                current = shard;
            }
        }
        if (current.whole()) {
            return runs.lastSuccessAt(JobNames.EVALUATE).orElse(null);
        }
        Long whole = null;
        Long oldest = null;
        for (int i = 0; i < current.count(); i++) {
            Long at = runs.lastSuccessAt(new EvaluationShard(i, current.count()).jobName()).orElse(null);
            if (at == null) {
                at = whole != null ? whole : (whole = runs.lastSuccessAt(JobNames.EVALUATE).orElse(null));
            }
            if (at == null) {
                return null;
            }
            oldest = oldest == null ? at : Math.min(oldest, at);
        }
        return oldest;
    }

    private List<String> evaluationJobs() {
        return connections.executeRead(status -> Sql.call("could not list the evaluation jobs", () -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(EVALUATION_JOBS)) {
                ps.setString(1, JobNames.EVALUATE);
                ps.setString(2, JobNames.EVALUATE + "-%");
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        }));
    }
}
