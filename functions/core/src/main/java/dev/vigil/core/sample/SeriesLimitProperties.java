package dev.vigil.core.sample;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * vigil.ingest.limits.*: how many series one host may have and create. They protect the database
 * from a sender that puts a changing value (a request id, a timestamp) into a label: each value is a
 * new series, a new row in the dictionary and a new row in latest_values forever.
 */
@ConfigurationProperties("vigil.ingest.limits")
public class SeriesLimitProperties {

    /** An agent sends about 100 series, a node_exporter a few thousand: 10,000 leaves room for both on one host. */
    public static final int DEFAULT_MAX_ACTIVE_SERIES_PER_HOST = 10_000;
    /**
     * Sustained creation: a host's first batch after a quiet minute passes whatever its size (a
     * first scrape of a large node_exporter brings about 3,000 series at once and cannot be split),
     * so this only has to stop churn. 2,000 a minute is ten times what adding disks, interfaces or
     * checks to a fleet member brings, and holds label churn (300,000 series in 12 s were seen:
     * 1.5 million a minute) to what the dictionary absorbs without notice (33 rows/s per host).
     */
    public static final int DEFAULT_MAX_NEW_SERIES_PER_MINUTE = 2_000;
    /** A series counts as active while it received a sample this recently (or was created this recently). */
    public static final Duration DEFAULT_ACTIVE_WINDOW = Duration.ofHours(1);

    private boolean enabled = true;
    @Min(1)
    private int maxActiveSeriesPerHost = DEFAULT_MAX_ACTIVE_SERIES_PER_HOST;
    @Min(1)
    private int maxNewSeriesPerMinute = DEFAULT_MAX_NEW_SERIES_PER_MINUTE;
    @NotNull
    private Duration activeWindow = DEFAULT_ACTIVE_WINDOW;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxActiveSeriesPerHost() {
        return maxActiveSeriesPerHost;
    }

    public void setMaxActiveSeriesPerHost(int maxActiveSeriesPerHost) {
        this.maxActiveSeriesPerHost = maxActiveSeriesPerHost;
    }

    public int getMaxNewSeriesPerMinute() {
        return maxNewSeriesPerMinute;
    }

    public void setMaxNewSeriesPerMinute(int maxNewSeriesPerMinute) {
        this.maxNewSeriesPerMinute = maxNewSeriesPerMinute;
    }

    public Duration getActiveWindow() {
        return activeWindow;
    }

    public void setActiveWindow(Duration activeWindow) {
        this.activeWindow = activeWindow;
    }
}
