package dev.vigil.ingest.error;

import dev.vigil.core.db.DatabaseFailures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure no more specific handler answers. A database that is down or unwell is not the
 * sender's fault: 503 with Retry-After tells agents and load balancers to keep the batch and come
 * back (nothing of a batch is stored: each write is one transaction). Whatever it is, the answer
 * never names a class, a driver or a pool: those details go to the log only.
 */
@Singleton
public class FailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<ApiError>> {

    /** Long enough for a database restart or fail-over, short enough that agents' spools stay small. */
    public static final int RETRY_AFTER_SECONDS = 10;
    public static final String STORAGE_UNAVAILABLE = "storage unavailable, retry later";
    public static final String VALUE_DOES_NOT_FIT = "a value is too long or out of range for storage";
    public static final String INTERNAL_ERROR = "internal error";

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RuntimeException exception) {
        return switch (DatabaseFailures.classify(exception)) {
            case UNAVAILABLE -> {
                // One line, no stack: in an outage every request lands here.
                LOG.warn("{} {}: database unavailable: {}", request.getMethod(), request.getPath(), rootMessage(exception));
                yield storageUnavailable();
            }
            case INVALID_DATA -> {
                LOG.warn("{} {}: database refused a value: {}", request.getMethod(), request.getPath(), rootMessage(exception));
                yield HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(new ApiError(VALUE_DOES_NOT_FIT, null));
            }
            case NONE -> {
                LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
                yield HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ApiError(INTERNAL_ERROR, null));
            }
        };
    }

    public static HttpResponse<ApiError> storageUnavailable() {
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .body(new ApiError(STORAGE_UNAVAILABLE, null));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
