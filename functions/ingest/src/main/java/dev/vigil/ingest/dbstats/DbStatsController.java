package dev.vigil.ingest.dbstats;

import dev.vigil.core.retention.DatabaseSize;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.ingest.auth.ApiAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/v1/db-stats} (admin): Vigil's own database now — total size, size and rows per
 * table — and its growth per day judged from the size samples housekeeping stores hourly.
 */
@Controller("/api/v1/db-stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DbStatsController {

    private final ApiAuth auth;
    private final DatabaseSizeReport report;

    public DbStatsController(ApiAuth auth, DatabaseSizeReport report) {
        this.auth = auth;
        this.report = report;
    }

    @Get
    public DatabaseSize dbStats(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        return report.measure();
    }
}
