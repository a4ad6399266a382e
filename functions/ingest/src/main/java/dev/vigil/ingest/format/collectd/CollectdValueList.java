package dev.vigil.ingest.format.collectd;

import java.util.List;

/**
 * One value list of collectd's write_http JSON: parallel values/dstypes/dsnames (a null value is
 * collectd's NaN), the time in epoch ms, and where it sat in the body (index, JSON line) for errors.
 */
public record CollectdValueList(List<Double> values, List<String> dstypes, List<String> dsnames, long timeMs,
                                String host, String plugin, String pluginInstance, String type, String typeInstance,
                                int index) {

    public boolean isRunningTotal(int i) {
        String dstype = dstypes.get(i);
        return dstype.equals("derive") || dstype.equals("counter");
    }
}
