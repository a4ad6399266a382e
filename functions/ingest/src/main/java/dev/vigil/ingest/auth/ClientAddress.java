package dev.vigil.ingest.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * Who sent a request, for throttling and logs: on Lambda the source IP API Gateway saw, otherwise the TCP
 * peer; the first X-Forwarded-For hop only when the app is configured to sit behind a trusted proxy.
 */
public final class ClientAddress {

    /** Longer than any IPv6 text form; a header cannot make the throttle keep large keys. */
    static final int MAX_LENGTH = 64;
    static final String UNKNOWN = "unknown";
    private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x21-\\x7e]");

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return bounded(forwarded.split(",", 2)[0].trim());
            }
        }
        String lambdaSource = lambdaSourceIp(request);
        if (lambdaSource != null) {
            return bounded(lambdaSource);
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return UNKNOWN;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : bounded(remote.getHostString());
    }

    @Nullable
    private static String lambdaSourceIp(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servlet)) {
            return null;
        }
        Object event = servlet.getNativeRequest();
        if (event instanceof APIGatewayV2HTTPEvent v2 && v2.getRequestContext() != null
                && v2.getRequestContext().getHttp() != null) {
            return v2.getRequestContext().getHttp().getSourceIp();
        }
        if (event instanceof APIGatewayProxyRequestEvent v1 && v1.getRequestContext() != null
                && v1.getRequestContext().getIdentity() != null) {
            return v1.getRequestContext().getIdentity().getSourceIp();
        }
        return null;
    }

    private static String bounded(String address) {
        if (address == null || address.isEmpty()) {
            return UNKNOWN;
        }
        String cut = address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
        // it goes into log lines: printable ASCII only
        return NOT_PRINTABLE.matcher(cut).replaceAll("?");
    }
}
