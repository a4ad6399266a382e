package dev.vigil.housekeeping.retention;

import dev.vigil.core.logline.LogLineStore;
import dev.vigil.core.logline.LogLinesProperties;
import jakarta.inject.Singleton;

/** Deletes log watch lines received longer ago than {@code vigil.ingest.log-lines.retention} (default 7 days). */
@Singleton
public class LogLineSweeper {

    private final LogLineStore store;
    private final LogLinesProperties properties;

    public LogLineSweeper(LogLineStore store, LogLinesProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** @return lines deleted */
    public long sweep(long now) {
        return store.deleteReceivedBefore(now - properties.getRetention().toMillis());
    }
}
