package dev.vigil.agent.probe;

/** Cumulative counters of one network interface. */
public record NicReading(String name, long rxBytes, long txBytes, long errors, long drops) {
}
