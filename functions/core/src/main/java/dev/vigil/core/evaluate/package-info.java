/**
 * Evaluation: reads every rule over all hosts in bulk ({@code RuleQueries}, {@code ConditionReader}),
 * steps each series' alert through the state machine, settles the alerts no reading touched
 * ({@code UntouchedAlerts}: no data, not evaluated, or left open while their host is down), caps new
 * alerts per rule ({@code AlertCap}), applies the muting of {@code core.silence}, and writes the result
 * through {@code core.alert.AlertStore} in one transaction ({@code EvaluationCycle}). Reads samples,
 * latest_values, series and hosts but never writes them.
 */
package dev.vigil.core.evaluate;
