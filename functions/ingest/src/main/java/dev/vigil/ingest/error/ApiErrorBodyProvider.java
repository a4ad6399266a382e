package dev.vigil.ingest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Framework-level refusals (unknown path 404, wrong method 405, wrong content type 415, body over
 * the limit 413, unreadable parameters 400) use the same {"error","field"} body as the API.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        String message = context.getErrors().stream().findFirst().map(Error::getMessage)
                .orElse(response.reason());
        String field = context.getErrors().stream().findFirst().flatMap(Error::getPath).orElse(null);
        return new ApiError(describe(response.code(), context, message), field);
    }

    /**
     * Messages name the method and path but never the query string: InfluxDB v1 clients put the
     * token in it (p=...), and an error must not echo a secret.
     */
    private static String describe(int status, ErrorContext context, String message) {
        String where = context.getRequest().getMethodName() + " " + context.getRequest().getPath();
        return switch (status) {
            case 404 -> "no such resource: " + where;
            case 405 -> "method not allowed: " + where;
            case 413 -> "request is larger than the limit";
            case 415 -> "unsupported content type for " + where;
            case 500 -> FailureHandler.INTERNAL_ERROR;
            default -> message.contains("?") ? response(status) : JsonProblems.clean(message);
        };
    }

    private static String response(int status) {
        HttpStatus known = HttpStatus.valueOf(status);
        return known.getReason();
    }
}
