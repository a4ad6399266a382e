package dev.vigil.ingest.rule;

import dev.vigil.core.rules.StoredRules;
import jakarta.inject.Singleton;

import java.util.List;

/** The per-host overrides of one host, for the host answer. */
@Singleton
public class HostOverrides {

    private final StoredRules stored;

    HostOverrides(StoredRules stored) {
        this.stored = stored;
    }

    public List<HostOverrideView> of(String host) {
        return stored.overridesOfHost(host).stream().map(HostOverrideView::of).toList();
    }
}
