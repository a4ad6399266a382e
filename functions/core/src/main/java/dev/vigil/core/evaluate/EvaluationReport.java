package dev.vigil.core.evaluate;

import dev.vigil.common.JsonText;

/**
 * What one evaluation cycle did (heldBack: new alerts the per-rule cap left for later cycles; slowestRules:
 * the three rules whose reads took longest); its toString() is the job_runs details.
 */
public record EvaluationReport(long at, int rules, int readings, int open, int created, int fired, int resolved,
                               int events, int heldBack, int statements, long millis, String slowestRules) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(192).append("{\"rules\":").append(rules)
                .append(",\"readings\":").append(readings).append(",\"open\":").append(open)
                .append(",\"created\":").append(created).append(",\"fired\":").append(fired)
                .append(",\"resolved\":").append(resolved).append(",\"events\":").append(events)
                .append(",\"heldBack\":").append(heldBack).append(",\"statements\":").append(statements)
                .append(",\"millis\":").append(millis).append(",\"slowest\":");
        JsonText.appendString(out, slowestRules);
        return out.append('}').toString();
    }
}
