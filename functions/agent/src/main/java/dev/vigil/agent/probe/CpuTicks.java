package dev.vigil.agent.probe;

/** Cumulative CPU time counters since boot (all cores), as /proc/stat reports them. */
public record CpuTicks(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {

    /** OSHI's tick array order (CentralProcessor.TickType). */
    public static CpuTicks fromOshi(long[] t) {
        return new CpuTicks(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    }

    public long total() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }
}
