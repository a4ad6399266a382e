package dev.vigil.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one class logs (java.util.logging, the agent's backend) and keeps it off the console while
 * open: a message a test provokes on purpose is asserted, not printed into a green run.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final boolean parentHandlersBefore;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        this.levelBefore = logger.getLevel();
        this.parentHandlersBefore = logger.getUseParentHandlers();
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    public synchronized List<String> levels() {
        return records.stream().map(r -> r.getLevel().getName()).toList();
    }

    public synchronized List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlersBefore);
        logger.setLevel(levelBefore);
    }
}
