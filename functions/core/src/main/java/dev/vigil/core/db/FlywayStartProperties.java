package dev.vigil.core.db;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How a start checks the schema ({@code vigil.flyway.*}). With {@code skip-when-current} a start first reads
 * {@code flyway_schema_history} with one query and starts Flyway only when it lacks one of the packaged
 * migrations (or differs from it); the Lambda functions turn it on (sam-template.yaml), as Flyway's own check
 * costs a cold start several hundred milliseconds.
 */
@ConfigurationProperties("vigil.flyway")
public class FlywayStartProperties {

    /** Off: every start runs Flyway's migrate (and its validation), as before issue 17. */
    public static final boolean DEFAULT_SKIP_WHEN_CURRENT = false;

    private boolean skipWhenCurrent = DEFAULT_SKIP_WHEN_CURRENT;

    public boolean isSkipWhenCurrent() {
        return skipWhenCurrent;
    }

    public void setSkipWhenCurrent(boolean skipWhenCurrent) {
        this.skipWhenCurrent = skipWhenCurrent;
    }
}
