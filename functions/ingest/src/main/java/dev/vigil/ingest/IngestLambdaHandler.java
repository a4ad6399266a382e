package dev.vigil.ingest;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda entry point behind an API Gateway HTTP API (payload 2.0). It routes every event to the
 * same controllers the Netty server uses, so both answer alike.
 */
public class IngestLambdaHandler extends APIGatewayV2HTTPEventFunction {
}
