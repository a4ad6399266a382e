package dev.vigil.ingest.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a rule would do at the next cycle, stored nowhere.
 *
 * @param heldBack new alerts the per-rule cap (vigil.evaluate.max-new-alerts-per-rule) would hold back
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RulePreview(String rule, long evaluatedAt, int pending, int firing, int heldBack,
                          List<PreviewedAlert> alerts) {
}
