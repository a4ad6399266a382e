package dev.vigil.ingest.health;

import dev.vigil.core.db.Sql;
import dev.vigil.ingest.error.FailureHandler;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * No auth: load balancers and uptime checks call it. 200 while the database answers (status UP, or
 * DEGRADED with the problems of the extra {@link HealthCheck}s), 503 when it does not.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    /** With Hikari's connection-timeout (2 s) this keeps a DOWN answer within 3 s of an outage. */
    static final int QUERY_TIMEOUT_SECONDS = 1;

    private final ConnectionOperations<Connection> connections;
    private final List<HealthCheck> checks;

    public HealthController(ConnectionOperations<Connection> connections, List<HealthCheck> checks) {
        this.connections = connections;
        this.checks = checks;
    }

    @Serdeable
    public record Health(String status, Map<String, String> problems) {
    }

    @Get
    public HttpResponse<Health> health() {
        try {
            connections.executeRead(status -> Sql.call("the database did not answer SELECT 1", () -> {
                try (Statement st = status.getConnection().createStatement()) {
                    st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    st.execute("SELECT 1");
                    return null;
                }
            }));
        } catch (RuntimeException e) {
            return down("database", "not answering");
        }
        Map<String, String> problems = new java.util.TreeMap<>();
        for (HealthCheck check : checks) {
            try {
                check.problem().ifPresent(problem -> problems.put(check.name(), problem));
            } catch (RuntimeException e) {
                return down(check.name(), "check failed: database not answering");
            }
        }
        // 503 is kept for "the database does not answer": a stale evaluation is reported, but the
        // API still works and load balancers must not take it out of service for that.
        return HttpResponse.ok(problems.isEmpty() ? new Health("UP", Map.of()) : new Health("DEGRADED", problems));
    }

    private static HttpResponse<Health> down(String part, String problem) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(FailureHandler.RETRY_AFTER_SECONDS))
                .body(new Health("DOWN", Map.of(part, problem)));
    }
}
