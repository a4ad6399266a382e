package dev.vigil.ingest.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/** A request the API refuses, with the status and the words the client sees. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    @Nullable
    private final String field;

    public ApiException(HttpStatus status, String error, @Nullable String field) {
        super(error, null, false, false);
        this.status = status;
        this.field = field;
    }

    public ApiException(HttpStatus status, String error) {
        this(status, error, null);
    }

    public static ApiException badRequest(String error, @Nullable String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, error, field);
    }

    public static ApiException notFound(String error) {
        return new ApiException(HttpStatus.NOT_FOUND, error, null);
    }

    public HttpStatus status() {
        return status;
    }

    @Nullable
    public String field() {
        return field;
    }

    public ApiError body() {
        return new ApiError(getMessage(), field);
    }
}
