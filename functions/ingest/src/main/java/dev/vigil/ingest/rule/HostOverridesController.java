package dev.vigil.ingest.rule;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.rules.RuleOverride;
import dev.vigil.core.rules.RuleSetException;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.StoredRules;
import dev.vigil.ingest.admin.JsonBodies;
import dev.vigil.ingest.audit.AuditTrail;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.auth.ApiCaller;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's own levels for a rule: {@code PUT /api/v1/hosts/{name}/overrides/{rule}} with
 * {@code {"warning", "critical", "for", "disabled"}} (admin). Evaluation applies them at its next cycle,
 * after the overrides of the rules file. Levels are numbers or sizes as in a rules file ("10GiB").
 */
@Controller("/api/v1/hosts/{name}/overrides")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HostOverridesController {

    private static final Set<String> FIELDS = Set.of("warning", "critical", "for", "disabled");

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final RuleSetProvider rules;
    private final StoredRules stored;
    private final RequestBodies requestBodies;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final Clock clock;

    HostOverridesController(ApiAuth auth, HostRegistry hosts, RuleSetProvider rules, StoredRules stored,
                            RequestBodies requestBodies, JsonBodies bodies, AuditTrail audit, Clock clock) {
        this.auth = auth;
        this.hosts = hosts;
        this.rules = rules;
        this.stored = stored;
        this.requestBodies = requestBodies;
        this.bodies = bodies;
        this.audit = audit;
        this.clock = clock;
    }

    @Get
    public List<HostOverrideView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                       @PathVariable String name) {
        auth.requireRead(authorization);
        requireHost(name);
        return stored.overridesOfHost(name).stream().map(HostOverrideView::of).toList();
    }

    @Put("/{rule}")
    @Consumes(MediaType.ALL)
    public HttpResponse<HostOverrideView> put(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                              @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                              @PathVariable String name, @PathVariable String rule,
                                              @Body @Nullable byte[] body) {
        ApiCaller caller = auth.requireAdmin(authorization);
        Map<String, Object> o = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, FIELDS);
        requireHost(name);
        requireRule(rule);
        if (o.values().stream().allMatch(java.util.Objects::isNull)) {
            throw ApiException.badRequest("give at least one of warning, critical, for, disabled", null);
        }
        Object disabled = o.get("disabled");
        if (disabled != null && !(disabled instanceof Boolean)) {
            throw ApiException.badRequest("disabled must be true or false", "disabled");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule", rule);
        entry.put("warning", o.get("warning"));
        entry.put("critical", o.get("critical"));
        entry.put("for", o.get("for"));
        RuleOverride parsed;
        try {
            parsed = rules.loader().parseOverride(entry, "override of host " + name);
        } catch (RuleSetException e) {
            throw ApiException.badRequest(e.field() == null ? e.getMessage() : e.field() + ": " + e.problem(), e.field());
        }
        StoredRules.HostOverride override = new StoredRules.HostOverride(name, rule, parsed.warning(), parsed.critical(),
                parsed.forMillis(), (Boolean) disabled, clock.millis(), caller.name());
        var before = stored.putOverride(override).map(HostOverrideView::of);
        HostOverrideView after = HostOverrideView.of(override);
        audit.record(caller, "override.set", name + "/" + rule, before.orElse(null), after);
        return before.isPresent() ? HttpResponse.ok(after) : HttpResponse.created(after);
    }

    @Delete("/{rule}")
    public HttpResponse<Void> delete(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String name, @PathVariable String rule) {
        ApiCaller caller = auth.requireAdmin(authorization);
        HostOverrideView before = stored.deleteOverride(name, rule).map(HostOverrideView::of)
                .orElseThrow(() -> ApiException.notFound("host '" + name + "' has no override of rule '" + rule + "'"));
        audit.record(caller, "override.delete", name + "/" + rule, before, null);
        return HttpResponse.noContent();
    }

    private void requireHost(String name) {
        if (hosts.findActive(name).isEmpty()) {
            throw ApiException.notFound("no host named '" + name + "'");
        }
    }

    private void requireRule(String rule) {
        if (rules.inForce().ruleSet().rules().stream().noneMatch(r -> r.name().equals(rule))) {
            throw ApiException.notFound("no rule named '" + rule + "'");
        }
    }
}
