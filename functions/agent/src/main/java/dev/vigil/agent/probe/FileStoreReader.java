package dev.vigil.agent.probe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads file stores on a helper thread with a deadline: statfs on a dead network mount blocks forever, and the
 * agent must keep reporting everything else. While a read is stuck no second one is started.
 */
final class FileStoreReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileStoreReader.class);

    private final Supplier<List<FileStoreReading>> source;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-filestores");
        t.setDaemon(true);
        return t;
    });
    private Future<List<FileStoreReading>> stuck;

    FileStoreReader(Supplier<List<FileStoreReading>> source, Duration timeout) {
        this.source = source;
        this.timeout = timeout;
    }

    synchronized List<FileStoreReading> read() {
        if (stuck != null) {
            if (!stuck.isDone()) {
                return List.of();
            }
            stuck = null;
        }
        Future<List<FileStoreReading>> pending = executor.submit(source::get);
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Reading file systems took over {} ms (a hung network mount?); disk metrics skipped until it returns",
                    timeout.toMillis());
            stuck = pending;
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            LOG.warn("Reading file systems failed: {}", e.toString());
            return List.of();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
