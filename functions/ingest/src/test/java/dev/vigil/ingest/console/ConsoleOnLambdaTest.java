package dev.vigil.ingest.console;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.IngestLambdaHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console through the Lambda entry point with API Gateway HTTP API (v2) events, as behind API Gateway:
 * the page and its files, sign-in with a Secure cookie (the request came over HTTPS), the cookie accepted by
 * the API in a later invocation (sessions live in the database, not in the function), CSRF enforced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOnLambdaTest {

    static final String ADMIN = "lambda-console-admin-token";
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    IngestLambdaHandler handler;

    @BeforeAll
    void startHandlerLikeLambdaDoes() {
        Map<String, String> db = TestDatabase.freshMysql();
        db.forEach(System::setProperty);
        System.setProperty("vigil.admin-token", ADMIN);
        try {
            handler = new IngestLambdaHandler();
        } finally {
            db.keySet().forEach(System::clearProperty);
            System.clearProperty("vigil.admin-token");
        }
    }

    @AfterAll
    void close() {
        handler.close();
    }

    @Test
    void servesTheConsoleAndItsSessionsAcrossInvocations() {
        APIGatewayV2HTTPResponse index = invoke("GET", "/", Map.of(), null, null);
        assertEquals(200, index.getStatusCode());
        assertTrue(header(index, "Content-Type").startsWith("text/html"), index.getHeaders().toString());
        assertTrue(header(index, "Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(body(index).contains("console/js/app.js"));
        APIGatewayV2HTTPResponse uplot = invoke("GET", "/console/vendor/uplot-1.6.30/uPlot.iife.min.js", Map.of(), null, null);
        assertEquals(200, uplot.getStatusCode());
        assertTrue(body(uplot).contains("uPlot"));

        APIGatewayV2HTTPResponse signedIn = invoke("POST", "/console/session", Map.of("authorization", "Bearer " + ADMIN), null, null);
        assertEquals(201, signedIn.getStatusCode(), body(signedIn));
        String setCookie = setCookie(signedIn);
        assertTrue(setCookie.contains("Secure") && setCookie.toLowerCase().contains("httponly"), setCookie);
        String cookie = setCookie.split(";")[0];
        Matcher csrf = CSRF.matcher(body(signedIn));
        assertTrue(csrf.find());

        APIGatewayV2HTTPResponse session = invoke("GET", "/console/session", Map.of(), List.of(cookie), null);
        assertTrue(body(session).contains("\"signedIn\":true"), body(session));
        APIGatewayV2HTTPResponse read = invoke("GET", "/api/v1/hosts", Map.of(), List.of(cookie), null);
        assertEquals(200, read.getStatusCode(), body(read));
        assertEquals(403, invoke("POST", "/api/v1/hosts", Map.of("content-type", "application/json"), List.of(cookie),
                "{\"name\":\"lambda-01\"}").getStatusCode());
        APIGatewayV2HTTPResponse created = invoke("POST", "/api/v1/hosts", Map.of("content-type", "application/json",
                "x-vigil-csrf", csrf.group(1)), List.of(cookie), "{\"name\":\"lambda-01\"}");
        assertEquals(201, created.getStatusCode(), body(created));
    }

    private APIGatewayV2HTTPResponse invoke(String method, String path, Map<String, String> headers, List<String> cookies, String body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("host", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        all.put("x-forwarded-proto", "https");
        all.put("x-forwarded-for", "203.0.113.10");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString("")
                .withHeaders(all).withCookies(cookies).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default").withRequestId("console-" + System.nanoTime())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("203.0.113.10").build())
                        .build())
                .build();
        return handler.handleRequest(event, new MockLambdaContext());
    }

    private static String header(APIGatewayV2HTTPResponse response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    private static String setCookie(APIGatewayV2HTTPResponse response) {
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            return response.getCookies().get(0);
        }
        String fromHeader = header(response, "Set-Cookie");
        assertFalse(fromHeader.isEmpty(), "no cookie in " + response.getHeaders() + " / " + response.getMultiValueHeaders());
        return fromHeader;
    }

    private static String body(APIGatewayV2HTTPResponse response) {
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8) : response.getBody();
    }
}
