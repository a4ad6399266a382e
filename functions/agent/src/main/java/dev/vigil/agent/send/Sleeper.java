package dev.vigil.agent.send;

import java.time.Duration;

/** Waiting, injectable so backoff tests take milliseconds. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
