package dev.vigil.core.sample;

/**
 * A batch would create series past a per-host limit; nothing of it was stored. {@link #retryAfterSeconds()}
 * is when the per-minute limit has room again; zero for the active-series limit, where waiting
 * helps only once other series fall silent.
 */
public class SeriesLimitExceededException extends RuntimeException {

    public enum Limit {
        ACTIVE_SERIES("vigil.ingest.limits.max-active-series-per-host", "max_active_series_per_host"),
        NEW_SERIES_PER_MINUTE("vigil.ingest.limits.max-new-series-per-minute", "max_new_series_per_minute");

        private final String key;
        private final String label;

        Limit(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** The configuration key, named in the error so an operator knows what to raise. */
        public String key() {
            return key;
        }

        /** The value of the {@code limit} label on the refusal samples of host vigil. */
        public String label() {
            return label;
        }
    }

    private final Limit limit;
    private final int max;
    private final long current;
    private final int requested;
    private final long retryAfterSeconds;

    public SeriesLimitExceededException(Limit limit, int max, long current, int requested, long retryAfterSeconds) {
        super(limit.key() + " (" + max + ") exceeded: " + current + " + " + requested, null, false, false);
        this.limit = limit;
        this.max = max;
        this.current = current;
        this.requested = requested;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Limit limit() {
        return limit;
    }

    public int max() {
        return max;
    }

    /** Active series (or series created in the last minute) the host already has. */
    public long current() {
        return current;
    }

    /** New series the refused batch would have created. */
    public int requested() {
        return requested;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
