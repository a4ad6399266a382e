package dev.vigil.ingest.alert;

import dev.vigil.core.alert.AlertService;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.alert.AlertView;
import dev.vigil.core.rules.Severity;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** GET /api/v1/alerts and POST /api/v1/alerts/{id}/ack (admin token). */
@Controller("/api/v1/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertsController {

    private final ApiAuth auth;
    private final AlertService alerts;
    private final JsonBodies bodies;

    AlertsController(ApiAuth auth, AlertService alerts, JsonBodies bodies) {
        this.auth = auth;
        this.alerts = alerts;
        this.bodies = bodies;
    }

    @Get
    public List<AlertView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                @QueryValue @Nullable String state, @QueryValue @Nullable String host,
                                @QueryValue @Nullable String severity) {
        auth.requireAdmin(authorization);
        AlertState s = state == null || state.isBlank() ? null : parse(() -> AlertState.fromWire(state),
                "state must be firing, pending or resolved", "state");
        Severity sev = severity == null || severity.isBlank() ? null : parse(() -> Severity.fromWire(severity),
                "severity must be warning or critical", "severity");
        return alerts.list(s, host == null || host.isBlank() ? null : host, sev);
    }

    @Post("/{id}/ack")
    @Consumes(MediaType.ALL)
    public AlertView acknowledge(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                 @PathVariable String id, @Body @Nullable byte[] body) {
        auth.requireAdmin(authorization);
        long alertId = parse(() -> Long.parseLong(id), "alert id must be a number", "id");
        String by = "admin";
        if (body != null && body.length > 0) {
            Object who = bodies.object(body).get("by");
            if (who != null) {
                by = JsonBodies.string(who, "by");
            }
        }
        switch (alerts.acknowledge(alertId, by)) {
            case NOT_FOUND -> throw ApiException.notFound("no alert with id " + alertId);
            case RESOLVED -> throw new ApiException(HttpStatus.CONFLICT, "alert " + alertId + " is resolved", "id");
            default -> {
                // acknowledged now or before: both answer with the alert
            }
        }
        return alerts.find(alertId).orElseThrow(() -> ApiException.notFound("no alert with id " + alertId));
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(Parse<T> parse, String error, String field) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(error, field);
        }
    }
}
