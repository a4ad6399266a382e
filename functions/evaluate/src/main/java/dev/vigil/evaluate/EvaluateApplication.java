package dev.vigil.evaluate;

import io.micronaut.runtime.Micronaut;

/** Runs evaluate alone on a server, on its local schedule (vigil.evaluate.schedule.enabled=true). */
public class EvaluateApplication {

    public static void main(String[] args) {
        Micronaut.build(args).properties(java.util.Map.of("vigil.evaluate.schedule.enabled", "true")).start();
    }
}
