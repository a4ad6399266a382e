package dev.vigil.ingest.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One alert as a list screen shows it ({@code GET /api/v1/alert-rows}): the fields of {@link AlertItem} plus what a
 * person reads in a row — the value and threshold in the rule's unit, the runbook link, whether it is silenced or
 * inhibited, and who acknowledged it with what comment. The timeline stays on {@code GET /api/v1/alerts/{id}}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertRow(long id, String rule, String host, Map<String, String> labels, Map<String, String> hostLabels,
                       String severity, String state, @Nullable Double value, @Nullable String valueText,
                       @Nullable String thresholdText, long startsAt, @Nullable Long firingAt, @Nullable Long endsAt,
                       @Nullable String summary, @Nullable String runbookUrl, boolean silenced, boolean inhibited,
                       boolean acknowledged, @Nullable String acknowledgedBy, @Nullable Long acknowledgedAt,
                       @Nullable String acknowledgedComment) {
}
