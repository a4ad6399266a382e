package dev.vigil.core.rules;

import dev.vigil.core.config.VigilProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The rule set in force. The operator file is re-read when it changes; a file that does not load
 * is refused (logged with rule and field) and the last good rule set keeps running.
 */
@Singleton
public class RuleSetProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetProvider.class);

    private final RuleSetLoader loader;
    @Nullable
    private final Path operatorFile;
    private RuleSet current;
    @Nullable
    private FileTime loadedVersion;
    @Nullable
    private String lastError;

    public RuleSetProvider(RulesFileProperties files, VigilProperties vigil) {
        this.loader = new RuleSetLoader(vigil.getHostDownAfter().toMillis());
        String file = files.getRulesFile();
        this.operatorFile = file == null || file.isBlank() ? null : Path.of(file);
        this.current = loader.loadDefaults();
        refresh();
    }

    public synchronized RuleSet current() {
        refresh();
        return current;
    }

    /** Why the operator file was last refused, or null when it loaded (or there is none). */
    @Nullable
    public synchronized String lastError() {
        return lastError;
    }

    private synchronized void refresh() {
        if (operatorFile == null) {
            return;
        }
        FileTime version;
        try {
            version = Files.getLastModifiedTime(operatorFile);
        } catch (IOException e) {
            version = null;
        }
        if (version != null && version.equals(loadedVersion)) {
            return;
        }
        try {
            current = loader.load(operatorFile);
            loadedVersion = version;
            lastError = null;
            LOG.info("loaded {} rules from {}", current.rules().size(), operatorFile);
        } catch (RuleSetException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.error("rules refused, keeping the last good rule set: {}", e.getMessage());
            }
            lastError = e.getMessage();
            loadedVersion = version;
        }
    }
}
