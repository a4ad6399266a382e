package dev.vigil.notify.notifier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.testing.Snapshots;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every notifier must do: deliver to a live receiver, report a down receiver as retryable,
 * and never put a secret into its error text or the log. Each notifier's test extends this.
 */
public abstract class NotifierCompatibilityTest {

    /** A notifier pointed at a live receiver. */
    protected abstract Notifier live();

    /** The same notifier pointed at a receiver that is down (nothing listening). */
    protected abstract Notifier down();

    /** Secrets this notifier was configured with. */
    protected abstract List<String> secrets();

    /** Deliveries the live receiver of this notifier (and no other) accepted. */
    protected abstract int delivered();

    protected static Notification sample() {
        var a = Snapshots.fingerprinted(Snapshots.withLabels(Snapshots.firing(1, "DiskSpaceLow", "db-01", "disk almost full",
                1_700_000_000_000L), Map.of("mount", "/<b>")), "0123456789abcdef0123456789abcdef");
        return new Notification("test", NotificationKind.FIRING, "db-01", 1_700_000_060_000L, List.of(a));
    }

    @Test
    void deliversToALiveReceiver() {
        int before = delivered();
        DeliveryResult r = live().deliver(sample());
        assertTrue(r.delivered(), String.valueOf(r.error()));
        assertEquals(before + 1, delivered(), "exactly one delivery reached this notifier's own receiver");
    }

    @Test
    void aDownReceiverIsARetryableFailure() {
        DeliveryResult r = down().deliver(sample());
        assertFalse(r.delivered());
        assertTrue(r.retryable(), "a receiver that is down may come back");
    }

    @Test
    void noErrorTextOrLogLineLeaksASecret() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level before = root.getLevel();
        // everything down to DEBUG is inspected, but kept off the console
        List<Appender<ILoggingEvent>> printing = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(printing::add);
        printing.forEach(root::detachAppender);
        root.setLevel(Level.DEBUG);
        root.addAppender(captured);
        try {
            DeliveryResult r = down().deliver(sample());
            for (String secret : secrets()) {
                assertFalse(String.valueOf(r.error()).contains(secret), "error text leaks a secret: " + r.error());
                for (ILoggingEvent e : captured.list) {
                    assertFalse(e.getFormattedMessage().contains(secret), "log leaks a secret: " + e.getFormattedMessage());
                    if (e.getThrowableProxy() != null) {
                        assertFalse(e.getThrowableProxy().getMessage() != null && e.getThrowableProxy().getMessage().contains(secret));
                    }
                }
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
            printing.forEach(root::addAppender);
        }
    }

    protected static int deadPort() {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
