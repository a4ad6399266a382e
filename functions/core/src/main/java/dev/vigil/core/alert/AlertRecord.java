package dev.vigil.core.alert;

import dev.vigil.core.rules.Severity;
import io.micronaut.core.annotation.Nullable;

/**
 * One row of {@code alerts}: an episode of one fingerprint. {@code id} is null until inserted. Build
 * one with {@link #builder()} or change one with {@link #toBuilder()}: named fields, no runs of nulls.
 *
 * @param hostLabelsJson the host's labels when evaluation last wrote the alert (a JSON object), not part of the fingerprint
 * @param valueText      the value as a person reads it in the rule's unit ("3.2 GiB free")
 * @param thresholdText  the level as a person reads it ("5 GiB free")
 * @param runbookUrl     a link, never prose (prose is {@code runbook} and {@code description})
 * @param resolution     why a resolved alert ended; null while open
 * @param resolutionText the sentence messages show for it ("back to 71.2% (threshold 90%)")
 */
public record AlertRecord(
        @Nullable Long id,
        String fingerprint,
        String rule,
        @Nullable Integer hostId,
        String host,
        String labelsJson,
        @Nullable String hostLabelsJson,
        Severity severity,
        AlertState state,
        @Nullable Double value,
        @Nullable Double threshold,
        @Nullable String valueText,
        @Nullable String thresholdText,
        @Nullable String summary,
        @Nullable String description,
        @Nullable String runbook,
        @Nullable String runbookUrl,
        long startsAt,
        @Nullable Long firingAt,
        @Nullable Long endsAt,
        long updatedAt,
        @Nullable Long predictedAt,
        @Nullable Long acknowledgedAt,
        @Nullable String acknowledgedBy,
        boolean silenced,
        boolean inhibited,
        @Nullable Resolution resolution,
        @Nullable String resolutionText) {

    public boolean open() {
        return state != AlertState.RESOLVED;
    }

    /** This alert closed at {@code now} for the reason given, with the sentence messages show; the last value stays. */
    public AlertRecord resolved(long now, Resolution why, String sentence) {
        return toBuilder().state(AlertState.RESOLVED).endsAt(now).updatedAt(now).resolution(why, sentence).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same alert muted or not, as {@code core.silence.Muting} decides; unchanged when the flags are. */
    public AlertRecord withFlags(boolean silenced, boolean inhibited) {
        return silenced == this.silenced && inhibited == this.inhibited ? this
                : toBuilder().silenced(silenced).inhibited(inhibited).build();
    }

    AlertRecord withId(long newId) {
        return toBuilder().id(newId).build();
    }

    /** Named fields for a new or changed row; unset fields are null, false or 0. */
    public static final class Builder {
        private Long id;
        private String fingerprint;
        private String rule;
        private Integer hostId;
        private String host;
        private String labelsJson;
        private String hostLabelsJson;
        private Severity severity;
        private AlertState state;
        private Double value;
        private Double threshold;
        private String valueText;
        private String thresholdText;
        private String summary;
        private String description;
        private String runbook;
        private String runbookUrl;
        private long startsAt;
        private Long firingAt;
        private Long endsAt;
        private long updatedAt;
        private Long predictedAt;
        private Long acknowledgedAt;
        private String acknowledgedBy;
        private boolean silenced;
        private boolean inhibited;
        private Resolution resolution;
        private String resolutionText;

        private Builder() {
        }

        private Builder(AlertRecord a) {
            id = a.id;
            fingerprint = a.fingerprint;
            rule = a.rule;
            hostId = a.hostId;
            host = a.host;
            labelsJson = a.labelsJson;
            hostLabelsJson = a.hostLabelsJson;
            severity = a.severity;
            state = a.state;
            value = a.value;
            threshold = a.threshold;
            valueText = a.valueText;
            thresholdText = a.thresholdText;
            summary = a.summary;
            description = a.description;
            runbook = a.runbook;
            runbookUrl = a.runbookUrl;
            startsAt = a.startsAt;
            firingAt = a.firingAt;
            endsAt = a.endsAt;
            updatedAt = a.updatedAt;
            predictedAt = a.predictedAt;
            acknowledgedAt = a.acknowledgedAt;
            acknowledgedBy = a.acknowledgedBy;
            silenced = a.silenced;
            inhibited = a.inhibited;
            resolution = a.resolution;
            resolutionText = a.resolutionText;
        }

        public Builder id(@Nullable Long v) {
            id = v;
            return this;
        }

        public Builder fingerprint(String v) {
            fingerprint = v;
            return this;
        }

        public Builder rule(String v) {
            rule = v;
            return this;
        }

        /** The host's id and name; a meta-alert about Vigil itself has no id. */
        public Builder host(@Nullable Integer id, String name) {
            hostId = id;
            host = name;
            return this;
        }

        public Builder labelsJson(String v) {
            labelsJson = v;
            return this;
        }

        public Builder hostLabelsJson(@Nullable String v) {
            hostLabelsJson = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder state(AlertState v) {
            state = v;
            return this;
        }

        /** The number and its readable form. */
        public Builder value(@Nullable Double number, @Nullable String text) {
            value = number;
            valueText = text;
            return this;
        }

        public Builder threshold(@Nullable Double number, @Nullable String text) {
            threshold = number;
            thresholdText = text;
            return this;
        }

        /** The rendered annotations. */
        public Builder texts(@Nullable String summary, @Nullable String description, @Nullable String runbook,
                             @Nullable String runbookUrl) {
            this.summary = summary;
            this.description = description;
            this.runbook = runbook;
            this.runbookUrl = runbookUrl;
            return this;
        }

        public Builder summary(@Nullable String v) {
            summary = v;
            return this;
        }

        public Builder startsAt(long v) {
            startsAt = v;
            return this;
        }

        public Builder firingAt(@Nullable Long v) {
            firingAt = v;
            return this;
        }

        public Builder endsAt(@Nullable Long v) {
            endsAt = v;
            return this;
        }

        public Builder updatedAt(long v) {
            updatedAt = v;
            return this;
        }

        public Builder predictedAt(@Nullable Long v) {
            predictedAt = v;
            return this;
        }

        public Builder acknowledged(@Nullable Long at, @Nullable String by) {
            acknowledgedAt = at;
            acknowledgedBy = by;
            return this;
        }

        public Builder silenced(boolean v) {
            silenced = v;
            return this;
        }

        public Builder inhibited(boolean v) {
            inhibited = v;
            return this;
        }

        public Builder resolution(@Nullable Resolution why, @Nullable String sentence) {
            resolution = why;
            resolutionText = sentence;
            return this;
        }

        public AlertRecord build() {
            return new AlertRecord(id, fingerprint, rule, hostId, host, labelsJson, hostLabelsJson, severity, state,
                    value, threshold, valueText, thresholdText, summary, description, runbook, runbookUrl, startsAt,
                    firingAt, endsAt, updatedAt, predictedAt, acknowledgedAt, acknowledgedBy, silenced, inhibited,
                    resolution, resolutionText);
        }
    }
}
