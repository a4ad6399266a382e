package dev.vigil.ingest.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yml}, no auth: the OpenAPI document micronaut-openapi generates from the controllers at
 * build time, served from the jar. With the README it is the reference of the HTTP API.
 */
@Controller
@Hidden
public class OpenApiController {

    /** Where micronaut-openapi writes the document: {@code META-INF/swagger/<title>-<version>.yml} of IngestApplication. */
    static final String RESOURCE = "META-INF/swagger/vigil-1.yml";
    static final String YAML = "application/yaml";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar: build with the micronaut-openapi processor");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    @Produces(YAML)
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(MediaType.of(YAML));
    }
}
