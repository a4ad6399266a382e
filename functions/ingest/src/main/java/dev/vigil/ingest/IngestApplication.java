package dev.vigil.ingest;

import io.micronaut.runtime.Micronaut;

/** Runs the ingest function as a Netty HTTP server (the Lambda entry point is {@link IngestLambdaHandler}). */
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestApplication.class, args);
    }
}
