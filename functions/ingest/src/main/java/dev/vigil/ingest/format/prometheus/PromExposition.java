package dev.vigil.ingest.format.prometheus;

import java.util.List;
import java.util.Map;

/** A parsed scrape: its samples in order and the declared TYPE of each metric family. */
public record PromExposition(List<PromSample> samples, Map<String, String> types) {

    /** Counters, and the _sum/_count/_bucket children of histograms and summaries, are running totals. */
    public boolean isRunningTotal(String name) {
        String type = types.get(name);
        if (type != null) {
            return type.equals("counter");
        }
        for (String suffix : new String[]{"_sum", "_count", "_bucket"}) {
            if (name.endsWith(suffix)) {
                String family = types.get(name.substring(0, name.length() - suffix.length()));
                if ("histogram".equals(family) || "summary".equals(family)) {
                    return true;
                }
            }
        }
        return false;
    }
}
