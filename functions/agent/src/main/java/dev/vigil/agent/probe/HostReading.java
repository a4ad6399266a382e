package dev.vigil.agent.probe;

import java.util.List;

/**
 * One raw look at the host: gauges plus monotonic counters. Rates need two readings, see {@link HostSampleCollector}.
 *
 * @param monotonicNanos a System.nanoTime()-like stamp to measure the time between readings
 * @param load           1/5/15-minute load averages; negative where the OS does not provide them
 */
public record HostReading(long monotonicNanos, CpuTicks cpu, int cpuCount, double[] load,
                          long memoryTotalBytes, long memoryAvailableBytes, long swapTotalBytes, long swapUsedBytes,
                          List<FileStoreReading> fileStores, List<NicReading> nics,
                          int processCount, long openFiles, long maxOpenFiles, long uptimeSeconds) {

    public HostReading {
        fileStores = List.copyOf(fileStores);
        nics = List.copyOf(nics);
    }
}
