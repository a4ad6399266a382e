package dev.vigil.local;

import io.micronaut.runtime.Micronaut;

/**
 * Vigil on one machine: ingest on port 8080, evaluate, notify and housekeeping on local schedules,
 * and the agent sampling this machine, all in one process over an embedded database by default.
 */
public final class LocalApplication {

    /** Only this environment turns on the local-only beans (token file, in-process agent, schedules). */
    public static final String ENVIRONMENT = "local";

    private LocalApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(LocalApplication.class)
                .environments(ENVIRONMENT)
                .deduceEnvironment(false)
                .banner(false)
                .start();
    }
}
