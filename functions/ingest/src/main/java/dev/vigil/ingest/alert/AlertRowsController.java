package dev.vigil.ingest.alert;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Severity;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.notification.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * {@code GET /api/v1/alert-rows?state=&host=&severity=&rule=&limit=} (viewer or admin): alerts newest first with
 * what a list screen shows (value in the rule's unit, runbook link, silenced, inhibited, acknowledgement).
 */
@Controller("/api/v1/alert-rows")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertRowsController {

    /** {@code alerts.rule} is VARCHAR(128); a longer name can never match. */
    private static final int MAX_RULE = 128;
    private static final int MAX_HOST = 253;

    private final ApiAuth auth;
    private final AlertRows rows;

    AlertRowsController(ApiAuth auth, AlertRows rows) {
        this.auth = auth;
        this.rows = rows;
    }

    @Get
    public List<AlertRow> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                               @QueryValue @Nullable String state, @QueryValue @Nullable String host,
                               @QueryValue @Nullable String severity, @QueryValue @Nullable String rule,
                               @QueryValue @Nullable String limit) {
        auth.requireRead(authorization);
        AlertState s = null;
        if (!blank(state)) {
            try {
                s = AlertState.fromWire(state.trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state must be firing, pending or resolved", "state");
            }
        }
        Severity sev = null;
        if (!blank(severity)) {
            try {
                sev = Severity.fromWire(severity.trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("severity must be warning or critical", "severity");
            }
        }
        int n = AlertRows.DEFAULT_LIMIT;
        if (!blank(limit)) {
            long l = QueryParams.positiveLong(limit, "limit", "a number of alerts");
            if (l > AlertRows.MAX_LIMIT) {
                throw ApiException.badRequest("limit is at most " + AlertRows.MAX_LIMIT, "limit");
            }
            n = (int) l;
        }
        return rows.list(new AlertRows.Filter(s, text(host, "host", MAX_HOST), sev, text(rule, "rule", MAX_RULE), n));
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String text(@Nullable String value, String name, int max) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(name + " is at most " + max + " characters", name);
        }
        return value;
    }
}
