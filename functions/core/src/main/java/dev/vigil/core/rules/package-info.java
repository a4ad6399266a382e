/**
 * Alerting rules: the YAML format (shipped defaults in {@code rules/default-rules.yml}, the operator's
 * {@code vigil.rules-file} extending or replacing them, per-host and per-label overrides), its
 * validation, and the thresholds with hysteresis. Owns no tables; evaluation lives in {@code core.alert}.
 */
package dev.vigil.core.rules;
