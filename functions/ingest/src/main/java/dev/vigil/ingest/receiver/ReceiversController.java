package dev.vigil.ingest.receiver;

import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.notify.route.ReceiverDirectory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * The notification receivers of the routing in force (admin token): {@code GET /api/v1/receivers}
 * lists each with its integrations (kind, target with secrets redacted, last delivery and its
 * result); {@code POST /api/v1/receivers/{name}/test} sends a clearly marked test message through
 * every integration of the receiver now and answers with each delivery's result.
 */
@Controller("/api/v1/receivers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReceiversController {

    private final ApiAuth auth;
    private final ReceiverDirectory receivers;

    ReceiversController(ApiAuth auth, ReceiverDirectory receivers) {
        this.auth = auth;
        this.receivers = receivers;
    }

    @Get
    public List<ReceiverDirectory.ReceiverView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        return receivers.list();
    }

    @Post("/{name}/test")
    @Consumes(MediaType.ALL)
    public ReceiverDirectory.TestReport test(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                             @PathVariable String name) {
        auth.requireAdmin(authorization);
        ReceiverDirectory.TestReport report = receivers.test(name)
                .orElseThrow(() -> ApiException.notFound("no receiver named '" + name + "'"));
        if (report.results().isEmpty()) {
            throw ApiException.badRequest("receiver '" + name + "' has no integrations to test", "name");
        }
        return report;
    }
}
