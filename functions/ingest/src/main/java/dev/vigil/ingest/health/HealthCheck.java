package dev.vigil.ingest.health;

import java.util.Optional;

/** An extra condition /health reports (e.g. evaluation is stale); empty when all is well. */
public interface HealthCheck {

    String name();

    Optional<String> problem();
}
