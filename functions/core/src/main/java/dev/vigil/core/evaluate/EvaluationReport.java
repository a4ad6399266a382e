package dev.vigil.core.evaluate;

/**
 * What one evaluation cycle did (heldBack: new alerts the per-rule cap left for later cycles; slowestRules:
 * the three rules whose reads took longest); its toString() is the job_runs details.
 */
public record EvaluationReport(long at, int rules, int readings, int open, int created, int fired, int resolved,
                               int events, int heldBack, int statements, long millis, String slowestRules) {

    @Override
    public String toString() {
        return "{\"rules\":" + rules + ",\"readings\":" + readings + ",\"open\":" + open + ",\"created\":" + created
                + ",\"fired\":" + fired + ",\"resolved\":" + resolved + ",\"events\":" + events
                + ",\"heldBack\":" + heldBack + ",\"statements\":" + statements + ",\"millis\":" + millis
                + ",\"slowest\":\"" + slowestRules + "\"}";
    }
}
