package dev.vigil.ingest.openapi;

import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document generated from the controllers is served without a token and names the API's paths. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest implements AdminApiTestProperties {

    @Inject
    EmbeddedServer server;

    @Override
    public String adminToken() {
        return "test-admin-token-0123456789";
    }

    @Test
    void listsTheApiPathsWithoutAuthentication() {
        HttpResponse<String> answer = new ApiClient(server.getURI()).get("/openapi.yml", null);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"),
                answer.headers().toString());
        String document = answer.body();
        assertTrue(document.startsWith("openapi: 3."), document.substring(0, Math.min(200, document.length())));
        for (String path : new String[] {"/api/v1/samples:", "/api/v1/alerts:", "/api/v1/hosts:", "/api/v1/silences:",
                "/api/v1/write/prometheus/{host}:", "/health:"}) {
            assertTrue(document.contains("\n  " + path), "missing " + path);
        }
        assertTrue(!document.contains("/openapi.yml"), "the document does not list itself");
    }
}
