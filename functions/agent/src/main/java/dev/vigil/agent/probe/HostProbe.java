package dev.vigil.agent.probe;

/** The agent's view of the host. {@link OshiHostProbe} reads the real machine; tests feed numbers. */
@FunctionalInterface
public interface HostProbe {

    /** Reads current counters and gauges; returns promptly and never sleeps to compute a rate. */
    HostReading read();
}
