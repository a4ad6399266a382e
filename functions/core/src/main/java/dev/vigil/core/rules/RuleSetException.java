package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

/** A rules file was refused; the message names the file, the rule and the field. */
public class RuleSetException extends RuntimeException {

    @Nullable
    private final String rule;
    @Nullable
    private final String field;
    @Nullable
    private final String problem;

    public RuleSetException(String message) {
        super(message);
        this.rule = null;
        this.field = null;
        this.problem = null;
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
        this.rule = null;
        this.field = null;
        this.problem = null;
    }

    /** A refusal of one field of one rule, so an API can name the field apart from the message. */
    public RuleSetException(String message, String rule, String field, String problem) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.problem = problem;
    }

    /** The rule the problem is in, when known. */
    @Nullable
    public String rule() {
        return rule;
    }

    /** The field (e.g. {@code warning}, {@code labels.mount}), when known. */
    @Nullable
    public String field() {
        return field;
    }

    /** What is wrong with the field, without file or rule, when known. */
    @Nullable
    public String problem() {
        return problem;
    }
}
