package dev.vigil.ingest.selfmetrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** The formatted lines some loggers wrote at INFO and above while attached. */
final class LoggerCapture implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LoggerCapture(Class<?>... sources) {
        appender.start();
        for (Class<?> source : sources) {
            Logger logger = (Logger) LoggerFactory.getLogger(source);
            loggers.add(logger);
            previous.add(logger.getLevel());
            logger.setLevel(Level.INFO);
            logger.addAppender(appender);
        }
    }

    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(previous.get(i));
        }
    }
}
