package dev.vigil.ingest.alert;

import dev.vigil.ingest.maintenance.MaintenanceService;
import jakarta.inject.Inject;
import dev.vigil.ingest.auth.ApiAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** GET /api/v1/overview (admin token): hosts up/down, firing alerts by severity, last evaluation, recent samples. */
@Controller("/api/v1/overview")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OverviewController {

    private final ApiAuth auth;
    private final OverviewService overview;
    @Inject
    MaintenanceService maintenance;

    OverviewController(ApiAuth auth, OverviewService overview) {
        this.auth = auth;
        this.overview = overview;
    }

    @Get
    public OverviewWithMaintenance overview(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        return new OverviewWithMaintenance(overview.overview(), java.util.List.copyOf(maintenance.currentByHost().values()));
    }
}
