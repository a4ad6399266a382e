package dev.vigil.ingest.error;

import dev.vigil.core.db.StorageException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database failing is not the sender's fault: 503 tells agents to keep the batch and retry,
 * and nothing of the batch was stored (the write is one transaction).
 */
@Singleton
public class StorageExceptionHandler implements ExceptionHandler<StorageException, HttpResponse<ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(StorageExceptionHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, StorageException exception) {
        LOG.error("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception.getCause());
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(new ApiError("storage unavailable, retry later", null));
    }
}
