package dev.vigil.ingest.health;

import dev.vigil.notify.route.RoutingSource;
import jakarta.inject.Singleton;

import java.util.Optional;

/** A notify routing file that broke after it was loaded keeps the last good routing in force; /health says so until it is fixed. */
@Singleton
public class NotifyConfigCheck implements HealthCheck {

    private final RoutingSource routing;

    public NotifyConfigCheck(RoutingSource routing) {
        this.routing = routing;
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(routing.lastError()).map(error -> "notify routing file refused, last good routing in use: " + error);
    }
}
