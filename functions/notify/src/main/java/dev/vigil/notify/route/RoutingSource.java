package dev.vigil.notify.route;

import dev.vigil.notify.config.AlertmanagerConfigParser;
import dev.vigil.notify.config.DefaultNotifyConfig;
import dev.vigil.notify.config.NotifyConfig;
import dev.vigil.notify.config.NotifyConfigException;
import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.notifier.SecretRedactor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The routing in force. From {@code vigil.notify.config-file} when set: a file Vigil refuses stops
 * the start (the message names line and key); a file that breaks later is reported by
 * {@link #lastError()} (and /health says DEGRADED) while the last good routing stays in force.
 * The file is checked at every {@link #current()} call (each notify run, each API call), which
 * costs one read of a small file. Without a file, the tree comes from the env settings.
 */
@Singleton
public class RoutingSource {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingSource.class);

    private final ReceiverFactory receivers;
    private final NotifyProperties properties;
    @Nullable
    private final Path file;
    private Routing current;
    private byte[] loadedBytes;
    private String lastError;

    public RoutingSource(DefaultNotifyConfig defaults, ReceiverFactory receivers, NotifyProperties properties) {
        this.receivers = receivers;
        this.properties = properties;
        String configured = properties.getConfigFile();
        this.file = configured == null || configured.isBlank() ? null : Path.of(configured.trim());
        if (file == null) {
            current = build(defaults.build());
        } else {
            byte[] bytes = read();
            current = build(AlertmanagerConfigParser.parse(new String(bytes, StandardCharsets.UTF_8), file.toString()));
            loadedBytes = bytes;
            LOG.info("notify routing from {}: {} receivers, {} routes", file, current.receivers().size(), current.root().flatten().size());
        }
    }

    /** The routing in force, reloaded first if the file changed. */
    public synchronized Routing current() {
        if (file != null) {
            reloadIfChanged();
        }
        return current;
    }

    /** Why the file in place is not in force (it broke after the last good load), or null. */
    @Nullable
    public synchronized String lastError() {
        if (file != null) {
            reloadIfChanged();
        }
        return lastError;
    }

    private void reloadIfChanged() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e.getClass().getSimpleName());
            return;
        }
        if (Arrays.equals(bytes, loadedBytes)) {
            // Back to the file in force (a broken edit was undone): nothing is refused any more.
            lastError = null;
            return;
        }
        try {
            Routing next = build(AlertmanagerConfigParser.parse(new String(bytes, StandardCharsets.UTF_8), file.toString()));
            current = next;
            loadedBytes = bytes;
            if (lastError != null) {
                LOG.info("notify routing file {} is valid again and in force", file);
            } else {
                LOG.info("notify routing reloaded from {}", file);
            }
            lastError = null;
        } catch (NotifyConfigException e) {
            fail(e.getMessage());
        }
    }

    private void fail(String error) {
        if (!error.equals(lastError)) {
            LOG.warn("notify routing file refused, the last good routing stays in force: {}", error);
        }
        lastError = error;
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NotifyConfigException("cannot read vigil.notify.config-file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private Routing build(NotifyConfig config) {
        Route root = Route.build(config.route(), new Route.Defaults(properties.getGroupWait(), properties.getGroupInterval(),
                NotifyProperties.DEFAULT_FILE_REPEAT_INTERVAL));
        ReceiverFactory.Built built = receivers.build(config);
        List<InhibitRule> inhibit = config.inhibitRules().stream()
                .map(r -> new InhibitRule(r.sourceMatchers(), r.targetMatchers(), r.equal())).toList();
        return new Routing(config, root, built.receivers(), inhibit, new SecretRedactor(built.secrets()));
    }
}
