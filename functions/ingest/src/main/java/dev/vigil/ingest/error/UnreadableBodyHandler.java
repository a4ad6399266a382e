package dev.vigil.ingest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;

/**
 * Netty inflates gzip/deflate bodies before any controller runs; a corrupt body fails there. That is
 * the sender's fault: 400, not 500.
 */
@Singleton
public class UnreadableBodyHandler implements ExceptionHandler<DecoderException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, DecoderException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST)
                .body(new ApiError("request body could not be decoded (corrupt Content-Encoding "
                        + request.getHeaders().get("Content-Encoding", String.class).orElse("data") + ")", null));
    }
}
