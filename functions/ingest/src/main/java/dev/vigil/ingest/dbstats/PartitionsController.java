package dev.vigil.ingest.dbstats;

import dev.vigil.ingest.auth.ApiAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** {@code GET /api/v1/db-stats/partitions} (viewer or admin): each partitioned table with its partitions. */
@Controller("/api/v1/db-stats/partitions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PartitionsController {

    private final ApiAuth auth;
    private final PartitionListing partitions;

    public PartitionsController(ApiAuth auth, PartitionListing partitions) {
        this.auth = auth;
        this.partitions = partitions;
    }

    @Get
    public List<TablePartitions> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        return partitions.list();
    }
}
