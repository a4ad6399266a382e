package dev.vigil.agent.check;

/** @param value the trimmed stdout as a number, or null when it is not one */
public record CheckOutcome(boolean ok, Double value) {
}
