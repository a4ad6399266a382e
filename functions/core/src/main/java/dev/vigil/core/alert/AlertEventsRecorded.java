package dev.vigil.core.alert;

/**
 * Published (as a Micronaut application event) after an evaluation cycle that recorded alert events,
 * so a notify pass in the same process can start at once instead of waiting for its own timer.
 *
 * @param events how many alert events the cycle recorded
 * @param at     when the cycle ran, epoch milliseconds
 */
public record AlertEventsRecorded(int events, long at) {
}
