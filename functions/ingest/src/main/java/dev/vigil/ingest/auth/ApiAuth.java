package dev.vigil.ingest.auth;

import dev.vigil.common.SampleConstraints;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.HostTokens;
import dev.vigil.core.token.ApiTokenRepository;
import dev.vigil.core.token.ApiTokens;
import dev.vigil.core.token.TokenRole;
import dev.vigil.ingest.console.ConsoleSessionCookie;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where tokens are checked and roles enforced. A bearer token is, in this order, the
 * configured admin token (role admin, compared in constant time), a host's token (writes for that host
 * only) or a named API token with its role:
 * <ul>
 *   <li>{@link #requireRead}: admin or viewer;</li>
 *   <li>{@link #requireAdmin}: admin only (every change, and token management, reading included);</li>
 *   <li>{@link #requireHost}: a host's own token (the sender paths that take the host from the token);</li>
 *   <li>{@link #requireSender} then {@link #hostToWrite}: a host's own token for its host, or a writer token
 *       for any host (registered without a token of its own when first seen).</li>
 * </ul>
 * 401 for a missing, malformed or unknown token; 403 for a valid token whose role does not allow the call.
 * Tokens never appear in messages or logs.
 * <p>A request without an Authorization header may instead carry a web console session cookie: it stands for the
 * admin or viewer token that signed in (checked again on every request, so revoking the token ends the session),
 * and a change made with it must carry the session's CSRF token ({@link ConsoleSessionCookie}).
 * <p>A host or API token that authenticated is remembered by its hash for {@code vigil.auth.cache-ttl}
 * ({@link AuthCacheProperties}); revoking through this process forgets them all at once ({@link #forgetCachedCallers}).
 */
@Singleton
public class ApiAuth {

    private static final String BEARER = "bearer ";
    /** Far more tokens than a fleet has; a flood of distinct valid tokens empties the cache rather than grow it. */
    static final int MAX_CACHED_CALLERS = 10_000;

    private record CachedCaller(ApiCaller caller, long expiresAtNanos) {
    }

    private final HostRegistry hosts;
    private final ApiTokens tokens;
    private final VigilProperties properties;
    private final ConsoleSessionCookie consoleSession;
    private final ApiTokenRepository tokenRows;
    private final long cacheTtlNanos;
    /** By token hash (never the token itself). */
    private final Map<String, CachedCaller> cachedCallers = new ConcurrentHashMap<>();

    public ApiAuth(HostRegistry hosts, ApiTokens tokens, VigilProperties properties,
                   ConsoleSessionCookie consoleSession, ApiTokenRepository tokenRows, AuthCacheProperties cache) {
        this.hosts = hosts;
        this.tokens = tokens;
        this.properties = properties;
        this.consoleSession = consoleSession;
        this.tokenRows = tokenRows;
        this.cacheTtlNanos = cache.getCacheTtl().toNanos();
    }

    /** Every token revoked or deleted through this process stops working on the next request. */
    public void forgetCachedCallers() {
        cachedCallers.clear();
    }

    /** The caller whose token this is; 401 when there is none or it is unknown (or revoked). */
    public ApiCaller authenticate(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            Optional<String> credential = consoleSession.credentialHashOfCurrentRequest();
            if (credential.isPresent()) {
                return consoleCaller(credential.get()).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                        "the token this console session was signed in with was revoked; sign in again"));
            }
        }
        String token = bearer(authorization);
        if (isConfiguredAdmin(token)) {
            return ApiCaller.ofRole(ApiTokens.CONFIGURED_ADMIN, TokenRole.ADMIN);
        }
        if (cacheTtlNanos <= 0) {
            return lookUp(token);
        }
        String hash = HostTokens.hash(token);
        long now = System.nanoTime();
        CachedCaller cached = cachedCallers.get(hash);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.caller();
        }
        ApiCaller caller = lookUp(token);
        if (cachedCallers.size() >= MAX_CACHED_CALLERS) {
            cachedCallers.clear();
        }
        cachedCallers.put(hash, new CachedCaller(caller, now + cacheTtlNanos));
        return caller;
    }

    private ApiCaller lookUp(String token) {
        Optional<Host> host = hosts.authenticate(token);
        if (host.isPresent()) {
            return ApiCaller.ofHost(host.get());
        }
        return tokens.authenticate(token).map(t -> ApiCaller.ofRole(t.name(), t.tokenRole()))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid or revoked token"));
    }

    /** Reads of the admin API: an admin or a viewer token. */
    public ApiCaller requireRead(@Nullable String authorization) {
        ApiCaller caller = authenticate(authorization);
        if (!caller.is(TokenRole.ADMIN) && !caller.is(TokenRole.VIEWER)) {
            throw forbidden(caller, "this endpoint needs a viewer or admin token");
        }
        return caller;
    }

    /** Every change, and token management: the admin token or an admin-role token. */
    public ApiCaller requireAdmin(@Nullable String authorization) {
        ApiCaller caller = authenticate(authorization);
        if (!caller.is(TokenRole.ADMIN)) {
            throw forbidden(caller, caller.is(TokenRole.VIEWER)
                    ? "viewer tokens may read but not change anything" : "this endpoint needs an admin token");
        }
        return caller;
    }

    /** The host whose token this is, for the sender paths where the token names the host. */
    public Host requireHost(@Nullable String authorization) {
        ApiCaller caller = authenticate(authorization);
        if (caller.host() == null) {
            throw forbidden(caller, caller.is(TokenRole.WRITER)
                    ? "this path takes its host from the token: a writer token writes through /api/v1/write, "
                      + "/api/v1/samples or /api/v1/write/prometheus/{host}"
                    : "samples must be sent with the host's own token or a writer token");
        }
        return caller.host();
    }

    /** The host token must belong to {@code hostName}: a host never writes for another. */
    public Host requireHost(@Nullable String authorization, String hostName) {
        return hostToWrite(requireHost(authorization), hostName);
    }

    /** A caller that may write samples at all: a host token or a writer token. */
    public ApiCaller requireSender(@Nullable String authorization) {
        ApiCaller caller = authenticate(authorization);
        if (caller.host() == null && !caller.is(TokenRole.WRITER)) {
            throw forbidden(caller, "samples must be sent with the host's own token or a writer token");
        }
        return caller;
    }

    /** {@link #requireSender} and {@link #hostToWrite} in one, for paths that name the host before the body. */
    public Host requireWriterFor(@Nullable String authorization, String hostName) {
        return hostToWrite(requireSender(authorization), hostName);
    }

    /**
     * The host {@code sender} writes {@code hostName}'s samples as: a host token only for itself; a writer token
     * for any valid host name, registering it on first sight. 403 for a host that was deleted.
     */
    public Host hostToWrite(ApiCaller sender, String hostName) {
        if (sender.host() != null) {
            return hostToWrite(sender.host(), hostName);
        }
        if (!sender.is(TokenRole.WRITER)) {
            throw forbidden(sender, "samples must be sent with the host's own token or a writer token");
        }
        SampleConstraints.checkHostName(hostName).ifPresent(problem -> {
            throw ApiException.badRequest(problem, "host");
        });
        return hostForWriter(hostName).orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN,
                "host '" + hostName + "' was deleted; register it again before writing for it", "host"));
    }

    /**
     * The host a writer token writes {@code hostName}'s samples as, registered without a token of its own on
     * first sight; empty for a name that is not a valid host name or a host that was deleted.
     */
    public Optional<Host> hostForWriter(String hostName) {
        if (SampleConstraints.checkHostName(hostName).isPresent()) {
            return Optional.empty();
        }
        return hosts.findOrRegisterWithoutToken(hostName);
    }

    private static Host hostToWrite(Host own, String hostName) {
        requireOwnHost(own, hostName, "", "host");
        return own;
    }

    /**
     * The one host-ownership check: a host token writes only for its own host. 403 naming both hosts otherwise.
     *
     * @param where prefix locating the offending item in the body ("line 3: "), or empty
     * @param field the JSON path of the host in the body
     */
    public static void requireOwnHost(Host own, String hostName, String where, String field) {
        if (!own.name().equals(hostName)) {
            throw new ApiException(HttpStatus.FORBIDDEN, where + "this token belongs to host '" + own.name()
                    + "' and may not write for host '" + hostName + "'", field);
        }
    }

    private static ApiException forbidden(ApiCaller caller, String why) {
        String who = caller.host() != null ? "a host token" : "token '" + caller.name() + "' (" + caller.role().wireName() + ")";
        return new ApiException(HttpStatus.FORBIDDEN, why + "; the request came with " + who);
    }

    /**
     * The admin or viewer whose token hashes to {@code credentialHash}, for the console's sign-in and sessions;
     * empty for host and writer tokens and for tokens that no longer exist.
     */
    public Optional<ApiCaller> consoleCaller(String credentialHash) {
        String admin = properties.getAdminToken();
        if (admin != null && !admin.isBlank() && java.security.MessageDigest.isEqual(
                HostTokens.hash(admin).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                credentialHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Optional.of(ApiCaller.ofRole(ApiTokens.CONFIGURED_ADMIN, TokenRole.ADMIN));
        }
        return tokenRows.findByTokenHash(credentialHash)
                .filter(t -> t.tokenRole() == TokenRole.ADMIN || t.tokenRole() == TokenRole.VIEWER)
                .map(t -> ApiCaller.ofRole(t.name(), t.tokenRole()));
    }

    private boolean isConfiguredAdmin(String token) {
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
