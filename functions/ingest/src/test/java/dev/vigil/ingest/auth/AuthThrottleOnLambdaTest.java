package dev.vigil.ingest.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.IngestLambdaHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Lambda the client is the source IP API Gateway saw (requestContext.http.sourceIp); a client-supplied
 * X-Forwarded-For does not change it unless the app is told it sits behind a trusted proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthThrottleOnLambdaTest {

    static final int MAX_FAILURES = 3;

    IngestLambdaHandler handler;
    JsonMapper json;
    String token;

    @BeforeAll
    void startHandler() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", "lambda-throttle-admin");
        props.put("vigil.auth.throttle.max-failures", Integer.toString(MAX_FAILURES));
        props.forEach(System::setProperty);
        try {
            handler = new IngestLambdaHandler();
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
        json = handler.getApplicationContext().getBean(JsonMapper.class);
        token = handler.getApplicationContext().getBean(HostRegistry.class).register("db-01").orElseThrow().token();
    }

    @AfterAll
    void close() {
        handler.close();
    }

    APIGatewayV2HTTPEvent samples(String token, String sourceIp, String forwardedFor) throws IOException {
        String text = Files.readString(Path.of("../../infra/events/ingest-post-samples.json"))
                .replace("REPLACE_WITH_HOST_TOKEN", token)
                .replace("\"sourceIp\": \"203.0.113.10\"", "\"sourceIp\": \"" + sourceIp + "\"")
                .replace("\"x-forwarded-for\": \"203.0.113.10\"", "\"x-forwarded-for\": \"" + forwardedFor + "\"");
        return json.readValue(text, APIGatewayV2HTTPEvent.class);
    }

    @Test
    void theSourceIpIsTheClientAndASpoofedForwardedForChangesNothing() throws IOException {
        for (int i = 0; i < MAX_FAILURES; i++) {
            APIGatewayV2HTTPResponse refused = handler.handleRequest(samples("vgl_guess" + i, "192.0.2.50", "198.51.100." + i),
                    new MockLambdaContext());
            assertEquals(401, refused.getStatusCode(), refused.getBody());
        }
        APIGatewayV2HTTPResponse blocked = handler.handleRequest(samples(token, "192.0.2.50", "198.51.100.99"),
                new MockLambdaContext());
        assertEquals(429, blocked.getStatusCode(), blocked.getBody());
        assertTrue(blocked.getHeaders().keySet().stream().anyMatch("Retry-After"::equalsIgnoreCase), blocked.getHeaders().toString());

        APIGatewayV2HTTPResponse other = handler.handleRequest(samples(token, "192.0.2.51", "192.0.2.50"), new MockLambdaContext());
        assertEquals(202, other.getStatusCode(), other.getBody());
    }
}
