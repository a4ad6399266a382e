package dev.vigil.agent.logs;

import dev.vigil.agent.send.BatchSender;
import dev.vigil.agent.send.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Posts the queued matching lines after each interval. The counter travels in the spooled sample batch
 * (it drives the alert and must not be lost); the lines are its illustration: kept in a bounded memory
 * queue and retried on the next interval while ingest is unreachable, dropped if ingest refuses them.
 */
public final class LogLineShipper {

    private static final Logger LOG = LoggerFactory.getLogger(LogLineShipper.class);

    private final String host;
    private final LogWatcher watcher;
    private final BatchSender sender;

    public LogLineShipper(String host, LogWatcher watcher, BatchSender sender) {
        this.host = host;
        this.watcher = watcher;
        this.sender = sender;
    }

    /** @return the lines delivered */
    public int ship() {
        List<LogLine> lines = watcher.takeLines();
        if (lines.isEmpty()) {
            return 0;
        }
        SendResult result = sender.send(LogLinesJson.write(host, lines).getBytes(StandardCharsets.UTF_8));
        if (result instanceof SendResult.Delivered) {
            return lines.size();
        }
        if (result instanceof SendResult.Rejected rejected) {
            LOG.warn("ingest refused {} log line(s) with HTTP {}: {}; they are dropped", lines.size(), rejected.status(), rejected.error());
        } else if (result instanceof SendResult.Retryable retry) {
            LOG.info("log lines not delivered ({}); retried next interval", retry.reason());
            watcher.requeue(lines);
        }
        return 0;
    }
}
