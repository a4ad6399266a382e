/**
 * The monitor watching itself: each function counts its own figures in memory ({@link dev.vigil.core.selfmetrics.SelfMetrics})
 * and writes them as samples of host {@code vigil} through the ordinary sample writer, at most once a minute.
 * Owns no table; must not read other hosts' samples.
 */
package dev.vigil.core.selfmetrics;
