package dev.vigil.core.rules;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code vigil.rules-file}: the operator's rules YAML (env VIGIL_RULES_FILE), applied on top of the defaults. */
@ConfigurationProperties("vigil")
public class RulesFileProperties {

    @Nullable
    private String rulesFile;

    @Nullable
    public String getRulesFile() {
        return rulesFile;
    }

    public void setRulesFile(@Nullable String rulesFile) {
        this.rulesFile = rulesFile;
    }
}
