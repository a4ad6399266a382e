package dev.vigil.core.host;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleKind;

/**
 * The host that is Vigil itself: housekeeping stores its hourly database report there, ingest its
 * refusal counts, and Vigil's alerts about itself (notify's and evaluation's meta-alerts) carry it.
 * Not a server of the fleet.
 */
public final class SelfHost {

    public static final String NAME = "vigil";

    private SelfHost() {
    }

    /**
     * True for a host-absence rule (HostDown: absent, inhibits its host) on Vigil itself, which reports only
     * hourly, so the rule would always fire for it. Owned here rather than by an override in the defaults,
     * so an operator's rules file in {@code replace} mode keeps it. Its other rules (DatabaseSizeLarge) apply.
     */
    public static boolean exemptFrom(Rule rule, String host) {
        return NAME.equals(host) && rule.inhibitsHost() && rule.kind() == RuleKind.ABSENT;
    }
}
