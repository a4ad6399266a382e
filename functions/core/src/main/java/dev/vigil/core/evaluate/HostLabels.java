package dev.vigil.core.evaluate;

import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of {@code hosts.labels} that evaluation writes onto each alert of the host: a JSON object
 * with sorted keys, "{}" for a host without labels, so a relabelled host is noticed by comparing strings.
 * The rules and stored form of host labels belong to {@link dev.vigil.core.host.HostLabels}.
 */
final class HostLabels {

    static final String NONE = "{}";
    private static final Logger LOG = LoggerFactory.getLogger(HostLabels.class);

    private HostLabels() {
    }

    /** @param stored {@code hosts.labels} as stored (null when the host has none) */
    static String canonical(String host, @Nullable String stored) {
        try {
            return Labels.toJson(dev.vigil.core.host.HostLabels.fromJson(stored));
        } catch (RuntimeException e) {
            // written by the API, which validates: a bad value here must not stop evaluation of the fleet
            LOG.warn("host {} has labels that are not a JSON object of strings; its alerts carry none", host);
            return NONE;
        }
    }
}
