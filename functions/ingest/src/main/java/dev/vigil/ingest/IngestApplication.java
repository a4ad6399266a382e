package dev.vigil.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Runs the ingest function as a Netty HTTP server (the Lambda entry point is {@link IngestLambdaHandler}). */
@OpenAPIDefinition(info = @Info(title = "vigil", version = "1",
        description = "Vigil's HTTP API: samples from every sender format, hosts, series, alerts, silences, admin."))
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestApplication.class, args);
    }
}
