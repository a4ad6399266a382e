package dev.vigil.local;

import io.micronaut.runtime.Micronaut;

/**
 * Vigil on one machine: ingest on port 8080, evaluate, notify and housekeeping on local schedules,
 * and the agent sampling this machine, all in one process over an embedded database by default.
 */
public final class LocalApplication {

    private LocalApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(LocalApplication.class)
                .environments("local")
                .deduceEnvironment(false)
                .banner(false)
                .start();
    }
}
