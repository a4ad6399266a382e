package dev.vigil.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Every function's logging, set up in code: one console appender (Lambda sends stdout to CloudWatch), {@code dev.vigil}
 * at {@code VIGIL_LOG_LEVEL} (INFO), Flyway and Hikari at WARN, everything else at WARN. Reading the same as a
 * logback.xml cost a Lambda cold start about 500 logback and XML parser classes and 0.1-0.2 s. A
 * {@code logback-test.xml} on the class path or {@code -Dlogback.configurationFile} still wins.
 */
public class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{30} - %msg%n";
    static final String LEVEL_VARIABLE = "VIGIL_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        context.getLogger("dev.vigil").setLevel(Level.toLevel(levelSetting(), Level.INFO));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // out-of-order is on by design (each capability owns a range of versions); no need to warn at every start
        context.getLogger("org.flywaydb.core.internal.command.DbMigrate").setLevel(Level.ERROR);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback.xml's {@code ${VIGIL_LOG_LEVEL:-INFO}} read it: a system property, else the environment. */
    static String levelSetting() {
        String level = System.getProperty(LEVEL_VARIABLE);
        return level != null ? level : System.getenv(LEVEL_VARIABLE);
    }
}
