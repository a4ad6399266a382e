/**
 * Muting: silences (stored, with cron maintenance windows) and inhibition (a firing HostDown mutes its
 * host's other alerts), applied to alerts as one predicate ({@code Muting}). Owns the writes to
 * {@code silences}; a muted alert is still tracked, only not notified.
 */
package dev.vigil.core.silence;
