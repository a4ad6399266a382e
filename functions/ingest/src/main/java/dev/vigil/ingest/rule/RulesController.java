package dev.vigil.ingest.rule;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleBodies;
import dev.vigil.core.rules.RulesInForce;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules in force and the rules made through the API. Reading takes a viewer or admin token; every
 * change an admin token. Rules of the defaults and the rules file are listed but read-only (409).
 */
@Controller("/api/v1/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RulesController {

    private static final Set<String> ROLLBACK_FIELDS = Set.of("version");

    private final ApiAuth auth;
    private final dev.vigil.core.rules.RuleSetProvider provider;
    private final StoredRules stored;
    private final RuleChanges changes;
    private final RequestBodies requestBodies;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final RulePreviewer previewer;

    RulesController(ApiAuth auth, dev.vigil.core.rules.RuleSetProvider provider, StoredRules stored, RuleChanges changes,
                    RequestBodies requestBodies, JsonBodies bodies, AuditTrail audit, RulePreviewer previewer) {
        this.auth = auth;
        this.provider = provider;
        this.stored = stored;
        this.changes = changes;
        this.requestBodies = requestBodies;
        this.bodies = bodies;
        this.audit = audit;
        this.previewer = previewer;
    }

    private void record(ApiCaller caller, RuleChanges.Change change) {
        audit.record(caller, "rule." + change.action(), change.name(), change.before(), change.after());
    }

    @Get
    public Map<String, Object> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        RulesInForce in = provider.inForce();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rulesFile", in.operatorFile());
        answer.put("rulesFileRefused", in.fileError() != null);
        answer.put("rulesFileError", in.fileError());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Rule rule : in.ruleSet().rules()) {
            list.add(RuleDocuments.ruleInForce(in, rule));
        }
        answer.put("rules", list);
        List<Map<String, Object>> notInForce = new ArrayList<>();
        in.apiProblems().forEach((name, problem) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("problem", problem);
            notInForce.add(m);
        });
        answer.put("notInForce", notInForce);
        return answer;
    }

    @Get("/{name}")
    public Map<String, Object> show(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                    @PathVariable String name) {
        auth.requireRead(authorization);
        RulesInForce in = provider.inForce();
        return in.ruleSet().rules().stream().filter(r -> r.name().equals(name)).findFirst()
                .map(r -> RuleDocuments.ruleInForce(in, r))
                .orElseThrow(() -> ApiException.notFound("no rule named '" + name + "'"));
    }

    @Put("/{name}")
    @Consumes(MediaType.ALL)
    public HttpResponse<Map<String, Object>> put(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                 @PathVariable String name, @Body @Nullable byte[] body) {
        ApiCaller caller = auth.requireAdmin(authorization);
        Map<String, Object> fields = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        RuleChanges.Change change = changes.put(name, fields, null, caller.name());
        record(caller, change);
        Map<String, Object> answer = show(authorization, name);
        return "create".equals(change.action()) ? HttpResponse.created(answer) : HttpResponse.ok(answer);
    }

    @Delete("/{name}")
    public HttpResponse<Void> delete(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String name) {
        ApiCaller caller = auth.requireAdmin(authorization);
        record(caller, changes.delete(name, caller.name()));
        return HttpResponse.noContent();
    }

    /** Every version of an API rule, newest first; a deletion is a version without fields. */
    @Get("/{name}/history")
    public List<Map<String, Object>> history(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                             @PathVariable String name) {
        auth.requireRead(authorization);
        List<StoredRules.RuleVersion> versions = stored.history(name);
        if (versions.isEmpty()) {
            RulesInForce in = provider.inForce();
            if (in.origins().containsKey(name)) {
                return List.of();
            }
            throw ApiException.notFound("no rule named '" + name + "' was ever stored through the API");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredRules.RuleVersion v : versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("action", v.action());
            m.put("changedAt", v.changedAt());
            m.put("changedBy", v.changedBy());
            m.put("rule", v.body() == null ? null : RuleBodies.fromText(v.body()));
            out.add(m);
        }
        return out;
    }

    /** {@code {"version": n}}: version n becomes current again, as a new version (the history keeps all). */
    @Post("/{name}/rollback")
    @Consumes(MediaType.ALL)
    public Map<String, Object> rollback(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                        @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                        @PathVariable String name, @Body @Nullable byte[] body) {
        ApiCaller caller = auth.requireAdmin(authorization);
        Map<String, Object> o = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, ROLLBACK_FIELDS);
        if (!(o.get("version") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1) {
            throw ApiException.badRequest("version must be a whole number of at least 1", "version");
        }
        record(caller, changes.rollback(name, n.intValue(), caller.name()));
        return show(authorization, name);
    }

    /**
     * A rule body as for PUT, with its {@code name}: which (host, labels) it would hold pending or firing at
     * the next cycle, with values and the receivers notify would reach. Nothing is stored. The name may be
     * that of a rule in force (any source), to try other levels on it: its overrides and open alerts apply.
     */
    @Post("/preview")
    @Consumes(MediaType.ALL)
    public RulePreview preview(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                               @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                               @Body @Nullable byte[] body) {
        auth.requireRead(authorization);
        Map<String, Object> fields = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        if (!(fields.get("name") instanceof String name) || name.isBlank()) {
            throw ApiException.badRequest("name is required: the rule's name (a new one, or one in force to try other levels)",
                    "name");
        }
        return previewer.preview(changes.validate(name, fields));
    }
}
