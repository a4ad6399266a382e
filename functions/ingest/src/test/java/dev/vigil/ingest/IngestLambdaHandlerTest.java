package dev.vigil.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda entry point, invoked in-process with the API Gateway HTTP API (v2) events SAM sends
 * (infra/events), answers exactly as the Netty server does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestLambdaHandlerTest {

    static final Path EVENTS = Path.of("../../infra/events");

    IngestLambdaHandler handler;
    JsonMapper json;
    String token;

    @BeforeAll
    void startHandlerLikeLambdaDoes() {
        Map<String, String> db = TestDatabase.freshMysql();
        db.forEach(System::setProperty);
        System.setProperty("vigil.admin-token", "lambda-admin-token");
        try {
            handler = new IngestLambdaHandler();
        } finally {
            db.keySet().forEach(System::clearProperty);
            System.clearProperty("vigil.admin-token");
        }
        json = handler.getApplicationContext().getBean(JsonMapper.class);
        token = handler.getApplicationContext().getBean(HostRegistry.class).register("db-01").orElseThrow().token();
    }

    @AfterAll
    void close() {
        handler.close();
    }

    APIGatewayV2HTTPEvent event(String file, String replaceToken) throws IOException {
        String text = Files.readString(EVENTS.resolve(file)).replace("REPLACE_WITH_HOST_TOKEN", replaceToken);
        return json.readValue(text, APIGatewayV2HTTPEvent.class);
    }

    @Test
    void storesTheSampleEventAndAnswersLikeHttp() throws IOException {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event("ingest-post-samples.json", token), new MockLambdaContext());
        assertEquals(202, first.getStatusCode(), first.getBody());
        assertEquals("{\"accepted\":2,\"duplicates\":0}", first.getBody());

        APIGatewayV2HTTPResponse again = handler.handleRequest(event("ingest-post-samples.json", token), new MockLambdaContext());
        assertEquals("{\"accepted\":0,\"duplicates\":2}", again.getBody());
    }

    @Test
    void refusesABadTokenWithTheSameErrorShape() throws IOException {
        APIGatewayV2HTTPResponse refused = handler.handleRequest(event("ingest-post-samples.json", "bogus"), new MockLambdaContext());
        assertEquals(401, refused.getStatusCode());
        assertEquals("{\"error\":\"invalid or revoked token\"}", refused.getBody());
    }

    @Test
    void refusesInvalidBodiesWith400NotA500() throws IOException {
        APIGatewayV2HTTPEvent event = event("ingest-post-samples.json", token);
        event.setBody("{\"host\":\"db-01\",\"samples\":[{\"metric\":\"load1\",\"value\":NaN}]}");
        APIGatewayV2HTTPResponse refused = handler.handleRequest(event, new MockLambdaContext());
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getBody().contains("\"field\":\"samples[0].value\""), refused.getBody());
    }

    @Test
    void answersHealth() throws IOException {
        APIGatewayV2HTTPResponse health = handler.handleRequest(event("ingest-health.json", ""), new MockLambdaContext());
        assertEquals(200, health.getStatusCode());
        assertTrue(health.getBody().contains("\"status\":\"UP\""), health.getBody());
    }
}
