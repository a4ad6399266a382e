package dev.vigil.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Records what one class logs and keeps it off the console while open: an error a test provokes on
 * purpose is asserted, not printed into a green run (where any ERROR line means something to fix).
 * {@code try (LogCapture log = LogCapture.of(RuleSetProvider.class)) { ...; assertTrue(log.messages()...); }}
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final boolean additiveBefore;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        levelBefore = logger.getLevel();
        additiveBefore = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    /** Everything logged under a logger name, e.g. a package. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public List<String> levels() {
        return appender.list.stream().map(e -> e.getLevel().toString()).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additiveBefore);
        logger.setLevel(levelBefore);
    }
}
