package dev.vigil.ingest.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.core.rules.StoredRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A host's own levels for one rule as the API shows them; null fields keep the rule's. {@code for} is a
 * duration as in a rules file ("10m").
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HostOverrideView(String host, String rule, @Nullable Double warning, @Nullable Double critical,
                               @JsonProperty("for") @Nullable String forDuration, @Nullable Boolean disabled,
                               long updatedAt, String updatedBy) {

    static HostOverrideView of(StoredRules.HostOverride o) {
        return new HostOverrideView(o.host(), o.rule(), o.warning(), o.critical(),
                o.forMillis() == null ? null : RuleDocuments.duration(o.forMillis()), o.disabled(), o.updatedAt(), o.updatedBy());
    }
}
