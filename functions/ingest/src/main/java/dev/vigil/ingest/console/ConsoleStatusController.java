package dev.vigil.ingest.console;

import dev.vigil.core.db.Sql;
import dev.vigil.core.db.StorageException;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.health.HealthController;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /console/status (viewer or admin): what is wrong with Vigil itself, for the banner on every console
 * page. The problems of /health (evaluation stale, rules file refused, notify misconfigured, database not
 * answering) plus notification deliveries failing (notify's open NotificationDeliveryFailing alert).
 * Always 200, so the browser does not log an error while Vigil is degraded; {@code status} says how bad.
 */
@Controller("/console/status")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleStatusController {

    static final String DELIVERY_FAILING_RULE = "NotificationDeliveryFailing";
    private static final String DELIVERIES_FAILING = "SELECT summary FROM alerts WHERE open_fingerprint IS NOT NULL "
            + "AND host_id IS NULL AND rule = ? ORDER BY starts_at DESC LIMIT 1";

    private final ApiAuth auth;
    private final HealthController health;
    private final ConnectionOperations<Connection> connections;

    public ConsoleStatusController(ApiAuth auth, HealthController health, ConnectionOperations<Connection> connections) {
        this.auth = auth;
        this.health = health;
        this.connections = connections;
    }

    @Get
    public HttpResponse<HealthController.Health> status(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        HealthController.Health base = health.health().body();
        if (base == null || "DOWN".equals(base.status())) {
            return HttpResponse.ok(base).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        auth.requireRead(authorization);
        Map<String, String> problems = new TreeMap<>(base.problems());
        try {
            String failing = deliveriesFailing();
            if (failing != null) {
                problems.put("deliveries", failing.isBlank() ? "notifications are failing to send" : failing);
            }
        } catch (StorageException e) {
            return HttpResponse.ok(new HealthController.Health("DOWN", Map.of("database", "not answering")));
        }
        String status = problems.isEmpty() ? "UP" : "DEGRADED";
        return HttpResponse.ok(new HealthController.Health(status, problems)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Nullable
    private String deliveriesFailing() {
        return connections.executeRead(status -> {
            return Sql.call("could not read the delivery-failing alert", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(DELIVERIES_FAILING)) {
                    ps.setString(1, DELIVERY_FAILING_RULE);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? (rs.getString(1) == null ? "" : rs.getString(1)) : null;
                    }
                }
            });
        });
    }
}
