package dev.vigil.core.alert;

import dev.vigil.core.rules.Rule;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * What the agent measured about a host's disks, for the words of disk alerts ("largest: …", "cleanup freed …").
 * The state machine asks only when it writes an alert of a disk rule; evaluation answers from its queries.
 */
public interface DiskFacts {

    /** The rules' metrics whose alerts carry the explanation (DiskSpaceLow, DiskFreeLow, DiskWillFillIn4Hours). */
    Set<String> DISK_METRICS = Set.of("disk_used_percent", "disk_free_bytes");

    /** Knows nothing: no disk alert gets an explanation. */
    DiskFacts NONE = new DiskFacts() {
        @Override
        public String largest(int hostId, @Nullable String mount) {
            return null;
        }

        @Override
        public String cleanup(int hostId, @Nullable String mount, long since) {
            return null;
        }

        @Override
        public String explain(int hostId, @Nullable String mount) {
            return null;
        }
    };

    static boolean applies(Rule rule) {
        return rule.metric() != null && DISK_METRICS.contains(rule.metric());
    }

    /** "largest: /a 41.2 GiB, /b 6.3 GiB, …", or null when no scan of that mount is known. */
    @Nullable
    String largest(int hostId, @Nullable String mount);

    /** What a cleanup on that mount since {@code since} freed, or null. */
    @Nullable
    String cleanup(int hostId, @Nullable String mount, long since);

    /** The explanation appended to a disk alert's summary, or null. */
    @Nullable
    String explain(int hostId, @Nullable String mount);
}
