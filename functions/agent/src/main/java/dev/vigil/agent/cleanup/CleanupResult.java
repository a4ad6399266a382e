package dev.vigil.agent.cleanup;

/** One run of a policy; in dry-run both counts are what WOULD have been deleted and freed. */
public record CleanupResult(String policy, boolean dryRun, int filesDeleted, long bytesFreed) {
}
