package dev.vigil.ingest.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.ingest.maintenance.HostMaintenance;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** GET /api/v1/overview: core's fleet numbers plus the hosts in maintenance now (muted until their {@code until}). */
@Serdeable
public record OverviewWithMaintenance(@JsonUnwrapped Overview overview, @JsonInclude(JsonInclude.Include.ALWAYS) List<HostMaintenance> inMaintenance) {
}
