package dev.vigil.agent.check;

import java.time.Duration;

/** A custom command run through /bin/sh -c; exit 0 means ok, a numeric stdout becomes check_value. */
public record CheckDefinition(String name, String command, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
}
