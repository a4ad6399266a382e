package dev.vigil.ingest.token;

import dev.vigil.ingest.audit.AuditTrail;
import jakarta.inject.Inject;
import dev.vigil.core.token.ApiTokens;
import dev.vigil.core.token.TokenRole;
import dev.vigil.ingest.admin.JsonBodies;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Named API tokens with a role; admin only, listing included (a viewer must not learn who else holds access). */
@Controller("/api/v1/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokensController {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "role");
    private static final List<String> ROLES = Arrays.stream(TokenRole.values()).map(TokenRole::wireName).toList();

    private final ApiAuth auth;
    private final ApiTokens tokens;
    private final RequestBodies bodies;
    private final JsonBodies json;
    @Inject
    AuditTrail audit;

    TokensController(ApiAuth auth, ApiTokens tokens, RequestBodies bodies, JsonBodies json) {
        this.auth = auth;
        this.tokens = tokens;
        this.bodies = bodies;
        this.json = json;
    }

    /** {@code {"name": "wall", "role": "viewer"}} → 201 with the token, shown this once. */
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<TokenCreated> create(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                             @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                             @Body @Nullable byte[] body) {
        var caller = auth.requireAdmin(authorization);
        Map<String, Object> o = json.object(bodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, CREATE_FIELDS);
        String name = requiredString(o, "name");
        if (!ApiTokens.NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit", "name");
        }
        String roleName = requiredString(o, "role");
        TokenRole role = TokenRole.fromWire(roleName).orElseThrow(() ->
                ApiException.badRequest("role must be one of " + ROLES, "role"));
        ApiTokens.Issued issued = tokens.create(name, role).orElseThrow(() ->
                new ApiException(HttpStatus.CONFLICT, "a token named '" + name + "' already exists", "name"));
        audit.record(caller, "token.create", name, null, Map.of("name", name, "role", issued.token().role()));
        return HttpResponse.created(new TokenCreated(issued.token().name(), issued.token().role(), issued.secret()));
    }

    @Get
    public List<TokenView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireAdmin(authorization);
        List<TokenView> views = new ArrayList<>();
        views.add(new TokenView(ApiTokens.CONFIGURED_ADMIN, TokenRole.ADMIN.wireName(), null, null));
        tokens.list().forEach(t -> views.add(new TokenView(t.name(), t.role(), t.createdAt(), t.lastUsedAt())));
        return views;
    }

    /** Revokes at once: the next request with it is a 401. The configured admin token lives in config, not here. */
    @Delete("/{name}")
    public HttpResponse<Void> delete(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String name) {
        var caller = auth.requireAdmin(authorization);
        if (ApiTokens.CONFIGURED_ADMIN.equals(name)) {
            throw ApiException.badRequest("the admin token comes from configuration (vigil.admin-token); change it there", "name");
        }
        if (!tokens.delete(name)) {
            throw ApiException.notFound("no token named '" + name + "'");
        }
        auth.forgetCachedCallers();
        audit.record(caller, "token.delete", name, Map.of("name", name), null);
        return HttpResponse.noContent();
    }

    private static String requiredString(Map<String, Object> o, String field) {
        Object raw = o.get(field);
        if (raw == null) {
            throw ApiException.badRequest(field + " is required", field);
        }
        if (!(raw instanceof String value)) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
        return value;
    }
}
