package dev.vigil.ingest.auth;

import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.HostTokens;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * Bearer-token checks. Host tokens resolve to their host through the stored hash; the admin token
 * comes from configuration and is compared in constant time. Tokens never appear in messages or logs.
 */
@Singleton
public class ApiAuth {

    private static final String BEARER = "bearer ";

    private final HostRegistry hosts;
    private final VigilProperties properties;

    public ApiAuth(HostRegistry hosts, VigilProperties properties) {
        this.hosts = hosts;
        this.properties = properties;
    }

    /** The host whose token this is; 401 without a valid token, 403 for the admin token. */
    public Host requireHost(@Nullable String authorization) {
        String token = bearer(authorization);
        if (isAdmin(token)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "samples must be sent with the host's own token, not the admin token");
        }
        return hosts.authenticate(token)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid or revoked token"));
    }

    /** The host token must belong to {@code hostName}: a host never writes for another. */
    public Host requireHost(@Nullable String authorization, String hostName) {
        Host host = requireHost(authorization);
        if (!host.name().equals(hostName)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "this token belongs to host '" + host.name()
                    + "' and may not write for host '" + hostName + "'", "host");
        }
        return host;
    }

    public void requireAdmin(@Nullable String authorization) {
        String token = bearer(authorization);
        if (!isAdmin(token)) {
            if (hosts.authenticate(token).isPresent()) {
                throw new ApiException(HttpStatus.FORBIDDEN, "this endpoint needs the admin token, not a host token");
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid admin token");
        }
    }

    private boolean isAdmin(String token) {
        String admin = properties.getAdminToken();
        return admin != null && !admin.isBlank() && HostTokens.matches(token, admin);
    }

    private static String bearer(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "missing Authorization: Bearer <token> header");
        }
        String value = authorization.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Authorization header must be 'Bearer <token>'");
        }
        return value.substring(BEARER.length()).trim();
    }
}
