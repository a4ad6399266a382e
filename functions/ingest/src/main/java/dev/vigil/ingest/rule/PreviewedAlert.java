package dev.vigil.ingest.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * One (host, labels) a previewed rule would hold pending or firing now. {@code receivers} are those the
 * notify routing reaches for its labels; {@code wouldNotify} is false while it is only pending, silenced or
 * inhibited, or reaches no receiver (the receivers hear of it once it fires unmuted).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PreviewedAlert(String host, Map<String, String> labels, String state, String severity,
                             @Nullable Double value, @Nullable String valueText, @Nullable Double threshold,
                             @Nullable String thresholdText, @Nullable String summary, boolean silenced, boolean inhibited,
                             List<String> receivers, boolean wouldNotify) {
}
