package dev.vigil.ingest.alert;

import dev.vigil.ingest.audit.AuditTrail;
import jakarta.inject.Inject;
import dev.vigil.core.alert.AlertService;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Severity;
import dev.vigil.ingest.admin.AdminLimits;
import dev.vigil.ingest.admin.JsonBodies;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** GET /api/v1/alerts, GET /api/v1/alerts/{id} and POST /api/v1/alerts/{id}/ack (admin token). */
@Controller("/api/v1/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertsController {

    private static final Set<String> ACK_FIELDS = Set.of("by", "comment");
    private static final String DEFAULT_ACK_BY = "admin";

    private final ApiAuth auth;
    private final AlertService alerts;
    private final AlertReadModel readModel;
    private final JsonBodies bodies;
    @Inject
    AuditTrail audit;

    AlertsController(ApiAuth auth, AlertService alerts, AlertReadModel readModel, JsonBodies bodies) {
        this.auth = auth;
        this.alerts = alerts;
        this.readModel = readModel;
        this.bodies = bodies;
    }

    @Get
    public List<AlertItem> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                @QueryValue @Nullable String state, @QueryValue @Nullable String host,
                                @QueryValue @Nullable String severity) {
        auth.requireRead(authorization);
        AlertState s = state == null || state.isBlank() ? null : parse(() -> AlertState.fromWire(state),
                "state must be firing, pending or resolved", "state");
        Severity sev = severity == null || severity.isBlank() ? null : parse(() -> Severity.fromWire(severity),
                "severity must be warning or critical", "severity");
        return readModel.list(s, host == null || host.isBlank() ? null : host, sev);
    }

    @Get("/{id}")
    public AlertDetail detail(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                              @PathVariable String id) {
        auth.requireRead(authorization);
        long alertId = alertId(id);
        return readModel.detail(alertId).orElseThrow(() -> ApiException.notFound("no alert with id " + alertId));
    }

    /** Body (optional, JSON): {@code {"by": "alice", "comment": "on it, OPS-123"}}. */
    @Post("/{id}/ack")
    @Consumes(MediaType.ALL)
    public AlertItem acknowledge(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                 @PathVariable String id, @Body @Nullable byte[] body) {
        var caller = auth.requireAdmin(authorization);
        long alertId = alertId(id);
        String by = DEFAULT_ACK_BY;
        String comment = null;
        if (body != null && body.length > 0) {
            Map<String, Object> o = bodies.object(body);
            JsonBodies.onlyFields(o, ACK_FIELDS);
            String who = JsonBodies.string(o.get("by"), "by", AdminLimits.ACK_BY);
            if (who != null && !who.isBlank()) {
                by = who;
            }
            comment = JsonBodies.string(o.get("comment"), "comment", AdminLimits.ACK_COMMENT);
        }
        var result = alerts.acknowledge(alertId, by, comment);
        if (result == dev.vigil.core.alert.AlertService.AckResult.ACKNOWLEDGED) {
            audit.record(caller, "alert.ack", "alert " + alertId, Map.of("acknowledged", false), Map.of("acknowledged", true, "by", by, "comment", comment == null ? "" : comment));
        }
        switch (result) {
            case NOT_FOUND -> throw ApiException.notFound("no alert with id " + alertId);
            case RESOLVED -> throw new ApiException(HttpStatus.CONFLICT, "alert " + alertId + " is resolved", "id");
            default -> {
                // acknowledged now or before: both answer with the alert
            }
        }
        return readModel.item(alertId).orElseThrow(() -> ApiException.notFound("no alert with id " + alertId));
    }

    private static long alertId(String id) {
        return parse(() -> Long.parseLong(id), "alert id must be a number", "id");
    }

    private static <T> T parse(Supplier<T> parse, String error, String field) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(error, field);
        }
    }
}
