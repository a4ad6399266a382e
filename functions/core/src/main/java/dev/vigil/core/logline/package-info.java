/**
 * Log watch's stored lines: validation limits, the table's writes (with the per-host cap), reads for
 * the API and for LogPatternMatched's text, and the retention delete. Owns table log_lines only.
 */
package dev.vigil.core.logline;
