package dev.vigil.ingest.format.prometheus;

import dev.vigil.common.SampleConstraints;
import dev.vigil.ingest.format.LineError;

/** Explicit timestamps get the same checks as /api/v1/samples, reported with their line. */
final class PromTimestamps {

    private PromTimestamps() {
    }

    static void check(PromExposition scrape, long now) {
        for (PromSample s : scrape.samples()) {
            if (s.timestampMs() != null) {
                SampleConstraints.checkTimestamp(s.timestampMs(), now).ifPresent(problem -> {
                    throw LineError.at(s.line(), problem);
                });
            }
        }
    }
}
