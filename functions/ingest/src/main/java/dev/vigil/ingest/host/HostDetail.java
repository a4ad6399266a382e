package dev.vigil.ingest.host;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.ingest.rule.HostOverrideView;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One host as {@code GET /api/v1/hosts/{name}} shows it: the list's fields plus its own rule overrides. */
@Serdeable
public record HostDetail(@JsonUnwrapped HostView host, List<HostOverrideView> overrides) {
}
