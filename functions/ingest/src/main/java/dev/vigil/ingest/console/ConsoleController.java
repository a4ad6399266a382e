package dev.vigil.ingest.console;

import dev.vigil.core.host.HostTokens;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.auth.ApiCaller;
import dev.vigil.ingest.error.ApiException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;

/**
 * The web console: its files at {@code /} and {@code /console/...}, and its sessions at
 * {@code /console/session}. Sign-in sends the admin or viewer token once, in the Authorization header (so
 * failed attempts are throttled like any other); the browser then holds only the session cookie.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {

    private final ConsoleAssets assets;
    private final ConsoleSessions sessions;
    private final ApiAuth auth;

    public ConsoleController(ConsoleAssets assets, ConsoleSessions sessions, ApiAuth auth) {
        this.assets = assets;
        this.sessions = sessions;
        this.auth = auth;
    }

    /**
     * What the page learns about its session: who, which role, the CSRF token for changes, when it ends. A
     * browser that is not signed in gets {@code signedIn: false} with 200, not a 401 the browser would log.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(boolean signedIn, @Nullable String name, @Nullable String role,
                              @Nullable String csrfToken, @Nullable Long expiresAt) {
        static final SessionView SIGNED_OUT = new SessionView(false, null, null, null, null);
    }

    @Get(produces = "text/html")
    public HttpResponse<byte[]> index(HttpRequest<?> request) {
        return file(request, "index.html");
    }

    @Get("/console/{+path}")
    public HttpResponse<byte[]> file(HttpRequest<?> request, @PathVariable String path) {
        return assets.find(path).<HttpResponse<byte[]>>map(asset -> {
            String cacheControl = asset.immutable() ? "public, max-age=31536000, immutable" : "no-cache";
            if (asset.etag().equals(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
                return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED)
                        .header(HttpHeaders.ETAG, asset.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl);
            }
            return HttpResponse.ok(asset.bytes()).contentType(asset.contentType())
                    .header(HttpHeaders.ETAG, asset.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }).orElseThrow(() -> ApiException.notFound("no console file '" + path + "'"));
    }

    /** Sign-in: {@code Authorization: Bearer <admin or viewer token>}; host and writer tokens are refused. */
    @Post("/console/session")
    public HttpResponse<SessionView> signIn(HttpRequest<?> request,
                                            @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "sign in with Authorization: Bearer <admin or viewer token>");
        }
        ApiCaller caller = auth.authenticate(authorization);
        String credentialHash = HostTokens.hash(authorization.trim().substring("bearer ".length()).trim());
        ApiCaller consoleCaller = auth.consoleCaller(credentialHash).orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN,
                "only admin and viewer tokens may sign in to the console; this is "
                        + (caller.host() != null ? "a host token" : "a " + caller.role().wireName() + " token")));
        ConsoleSessions.Opened opened = sessions.open(credentialHash);
        Cookie cookie = Cookie.of(ConsoleSessionCookie.COOKIE, opened.secret()).httpOnly(true).sameSite(SameSite.Strict)
                .path("/").maxAge(Duration.ofMillis(opened.expiresAt() - System.currentTimeMillis()).toSeconds())
                .secure(isHttps(request));
        return HttpResponse.created(view(consoleCaller, opened.secret(), opened.expiresAt())).cookie(cookie)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The current session; signedIn false when there is none, it expired, or its token was revoked. */
    @Get("/console/session")
    public HttpResponse<SessionView> session(HttpRequest<?> request) {
        SessionView view = ConsoleSessionCookie.secret(request).flatMap(secret -> sessions.find(secret)
                        .flatMap(session -> auth.consoleCaller(session.credentialHash())
                                .map(caller -> view(caller, secret, session.expiresAt()))))
                .orElse(SessionView.SIGNED_OUT);
        return HttpResponse.ok(view).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Sign-out: deletes the session row and clears the cookie. Needs the CSRF token like any change. */
    @Delete("/console/session")
    public MutableHttpResponse<Void> signOut(HttpRequest<?> request) {
        ConsoleSessionCookie.secret(request).ifPresent(secret -> {
            if (!ConsoleSessions.csrfMatches(secret, request.getHeaders().get(ConsoleSessionCookie.CSRF_HEADER))) {
                throw new ApiException(HttpStatus.FORBIDDEN,
                        "sign-out needs the session's CSRF token in the " + ConsoleSessionCookie.CSRF_HEADER + " header");
            }
            sessions.close(secret);
        });
        Cookie gone = Cookie.of(ConsoleSessionCookie.COOKIE, "").httpOnly(true).sameSite(SameSite.Strict).path("/")
                .maxAge(0).secure(isHttps(request));
        return HttpResponse.<Void>noContent().cookie(gone);
    }

    private static SessionView view(ApiCaller caller, String secret, long expiresAt) {
        return new SessionView(true, caller.name(), caller.role().wireName(), ConsoleSessions.csrfToken(secret), expiresAt);
    }

    /** Behind a TLS-terminating proxy or API Gateway the request arrives as HTTP with X-Forwarded-Proto: https. */
    static boolean isHttps(HttpRequest<?> request) {
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        if (forwarded != null) {
            return forwarded.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https");
        }
        return request.isSecure();
    }
}
