/**
 * The alert lifecycle: the {@code alerts} row ({@code AlertRecord}), its states and event kinds, the
 * fingerprint, the pure state machine pending → firing → resolved ({@code AlertStateMachine}) and
 * {@code AlertStore}, the only writer of {@code alerts} and {@code alert_events} (used by evaluation,
 * notify's meta-alerts, the API's acknowledgement and housekeeping's retention). Decides nothing about
 * which rules run ({@code core.evaluate}) or who is muted ({@code core.silence}).
 */
package dev.vigil.core.alert;
