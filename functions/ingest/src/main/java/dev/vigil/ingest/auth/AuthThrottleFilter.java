package dev.vigil.ingest.auth;

import dev.vigil.ingest.error.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Throttles failed authentication for every endpoint, whatever checked the credential: a request from a
 * blocked address is answered 429 with Retry-After before any controller runs; a 401 answer to a request
 * that carried a credential counts as a failure of its address. Successful requests pay one map lookup.
 * {@code /health} needs no credential and is never refused (load balancers probe it).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuthThrottleFilter {

    private static final String HEALTH = "/health";
    /** Set on a request this filter refused unread, so the refusal log leaves it to this filter's own summary lines. */
    public static final String BLOCKED_ATTRIBUTE = "vigil.auth-throttle.blocked";
    /** Clients that send a credential somewhere else than Authorization: InfluxDB v1 puts it in the query. */
    private static final String INFLUX_PASSWORD_PARAM = "p";

    private static final int MAX_LOGGED_PATH = 200;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final AuthFailureThrottle throttle;
    private final AuthThrottleProperties properties;

    AuthThrottleFilter(AuthFailureThrottle throttle, AuthThrottleProperties properties) {
        this.throttle = throttle;
        this.properties = properties;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> refuseBlockedAddresses(HttpRequest<?> request) {
        if (!properties.isEnabled() || HEALTH.equals(request.getPath())) {
            return null;
        }
        OptionalLong wait = throttle.retryAfterSeconds(client(request), () -> describe(request));
        if (wait.isEmpty()) {
            return null;
        }
        request.setAttribute(BLOCKED_ATTRIBUTE, Boolean.TRUE);
        return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()))
                .body(new ApiError("too many failed authentication attempts from this address; retry after "
                        + wait.getAsLong() + " s", null));
    }

    @ResponseFilter
    public void countFailedAuthentication(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!properties.isEnabled() || response.code() != HttpStatus.UNAUTHORIZED.getCode() || !carriesCredential(request)) {
            return;
        }
        String reason = response.getBody(ApiError.class).map(ApiError::error).orElse("unauthorized");
        throttle.failed(client(request), describe(request), reason);
    }

    private String client(HttpRequest<?> request) {
        return ClientAddress.of(request, properties.isTrustForwardedFor());
    }

    /** A request with no credential at all is a client not yet set up, not a guess. */
    private static boolean carriesCredential(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getParameters().contains(INFLUX_PASSWORD_PARAM);
    }

    /** Method and path only (the query string can hold a token, InfluxDB v1's p=), cut and one line for the log. */
    private static String describe(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.length() > MAX_LOGGED_PATH) {
            path = path.substring(0, MAX_LOGGED_PATH) + "...";
        }
        return request.getMethodName() + " " + CONTROL.matcher(path).replaceAll("?");
    }
}
