package dev.vigil.ingest.console;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The console's session cookie on the request being served. A change (any method but GET and HEAD) made with
 * the cookie must also carry the session's CSRF token in {@link #CSRF_HEADER}: a cross-site form can make the
 * browser send the cookie (SameSite aside), but it cannot read the token, nor set a custom header.
 */
@Singleton
public class ConsoleSessionCookie {

    public static final String COOKIE = "vigil_session";
    public static final String CSRF_HEADER = "X-Vigil-CSRF";

    private final ConsoleSessions sessions;

    public ConsoleSessionCookie(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * The hash of the credential behind the current request's live session; empty without a session cookie.
     * 401 for an unknown or expired session; 403 for a change without the right CSRF token.
     */
    public Optional<String> credentialHashOfCurrentRequest() {
        Optional<HttpRequest<Object>> current = ServerRequestContext.currentRequest();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        HttpRequest<?> request = current.get();
        Optional<String> secret = secret(request);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSessions.Session session = sessions.find(secret.get()).orElseThrow(() ->
                new ApiException(HttpStatus.UNAUTHORIZED, "console session expired or signed out; sign in again"));
        if (isChange(request.getMethod())
                && !ConsoleSessions.csrfMatches(secret.get(), request.getHeaders().get(CSRF_HEADER))) {
            throw new ApiException(HttpStatus.FORBIDDEN,
                    "a change made with a console session needs the session's CSRF token in the " + CSRF_HEADER + " header");
        }
        return Optional.of(session.credentialHash());
    }

    /** The session secret the request's cookie carries, if any. */
    public static Optional<String> secret(HttpRequest<?> request) {
        Optional<String> fromHeader = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
        return fromHeader.isPresent() ? fromHeader : fromApiGatewayCookies(request);
    }

    /**
     * API Gateway's HTTP API (payload 2.0) moves cookies out of the headers into the event's own list, which
     * Micronaut's request does not read.
     */
    private static Optional<String> fromApiGatewayCookies(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servlet)
                || !(servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) || event.getCookies() == null) {
            return Optional.empty();
        }
        String prefix = COOKIE + "=";
        return event.getCookies().stream().map(String::trim).filter(c -> c.startsWith(prefix))
                .map(c -> c.substring(prefix.length())).filter(v -> !v.isBlank()).findFirst();
    }

    static boolean isChange(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }
}
