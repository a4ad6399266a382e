package dev.vigil.ingest.health;

import dev.vigil.core.rules.RuleSetProvider;
import jakarta.inject.Singleton;

import java.util.Optional;

/** A refused operator rules file keeps the last good rules running; /health says so until it is fixed. */
@Singleton
public class RulesFileCheck implements HealthCheck {

    private final RuleSetProvider rules;

    public RulesFileCheck(RuleSetProvider rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(rules.lastError()).map(error -> "rules file refused, last good rules in use: " + error);
    }
}
