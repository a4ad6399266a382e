/**
 * Evaluation and the alert lifecycle: reads rules over all hosts in bulk ({@code RuleQueries}),
 * drives alerts pending → firing → resolved ({@code AlertStateMachine}), settles the alerts no reading
 * touched ({@code UntouchedAlerts}: no data, not evaluated, or left open while their host is down),
 * caps new alerts per rule ({@code AlertCap}), keeps silenced/inhibited current and appends alert_events
 * for notify. Owns the writes to alerts, alert_events and silences; reads samples, latest_values, series
 * and hosts but never writes them.
 */
package dev.vigil.core.alert;
