package dev.vigil.core.rules;

/** A rules file was refused; the message names the file, the rule and the field. */
public class RuleSetException extends RuntimeException {

    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
