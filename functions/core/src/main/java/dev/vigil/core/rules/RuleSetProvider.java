package dev.vigil.core.rules;

import dev.vigil.core.config.VigilProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule set in force: the defaults, the operator file on top, then the rules and per-host overrides
 * stored through the API. The operator file is re-read when it changes; a file that does not load is
 * refused (logged with rule and field) and the last good rule set keeps running. The stored part is
 * re-read only when the database's rules revision moved (one primary-key read per call), so every
 * function and Lambda instance picks a change up at its next cycle.
 */
@Singleton
public class RuleSetProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetProvider.class);

    private final RuleSetLoader loader;
    @Nullable
    private final Path operatorFile;
    @Nullable
    private final StoredRules stored;
    private final RuleSet defaults;
    private RuleSet fromFile;
    private StoredRules.Snapshot snapshot = StoredRules.Snapshot.EMPTY;
    private RulesInForce inForce;
    @Nullable
    private FileTime loadedVersion;
    @Nullable
    private String lastError;
    @Nullable
    private String lastStorageError;

    /** Defaults and operator file only (no database). */
    public RuleSetProvider(RulesFileProperties files, VigilProperties vigil) {
        this(files, vigil, null);
    }

    @Inject
    public RuleSetProvider(RulesFileProperties files, VigilProperties vigil, @Nullable StoredRules stored) {
        this.loader = new RuleSetLoader(vigil.getHostDownAfter().toMillis());
        String file = files.getRulesFile();
        this.operatorFile = file == null || file.isBlank() ? null : Path.of(file);
        this.stored = stored;
        this.defaults = loader.loadDefaults();
        this.fromFile = defaults;
        refreshFile();
        merge();
    }

    public synchronized RuleSet current() {
        return inForce().ruleSet();
    }

    /** The rule set in force with the origin of every rule, refreshed as {@link #current()} is. */
    public synchronized RulesInForce inForce() {
        boolean changed = refreshFile();
        changed |= refreshStored();
        if (changed) {
            merge();
        }
        return inForce;
    }

    /**
     * The defaults and the operator file only, never waiting on the database: for what is built once at start
     * (notify's default HostDown inhibition), which must not stall when the database is down.
     */
    public synchronized RuleSet fileRules() {
        refreshFile();
        return fromFile;
    }

    /** The loader that checks rules files, for checking a rule sent to the API by the same code. */
    public RuleSetLoader loader() {
        return loader;
    }

    /**
     * Why the operator file is refused, or null when it loaded (or there is none). Re-reads a changed file
     * but never the database, so /health answers at once while the database is down.
     */
    @Nullable
    public synchronized String lastError() {
        if (refreshFile()) {
            merge();
        }
        return lastError;
    }

    /** @return whether the file part changed */
    private boolean refreshFile() {
        if (operatorFile == null) {
            return false;
        }
        FileTime version;
        try {
            version = Files.getLastModifiedTime(operatorFile);
        } catch (IOException e) {
            version = null;
        }
        if (version != null && version.equals(loadedVersion)) {
            return false;
        }
        try {
            fromFile = loader.load(operatorFile, defaults);
            loadedVersion = version;
            lastError = null;
            LOG.info("loaded {} rules from {}", fromFile.rules().size(), operatorFile);
        } catch (RuleSetException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.error("rules refused, keeping the last good rule set: {}", e.getMessage());
            }
            lastError = e.getMessage();
            loadedVersion = version;
        }
        return true;
    }

    /** @return whether the stored part changed; a database that does not answer keeps the last stored rules */
    private boolean refreshStored() {
        if (stored == null) {
            return false;
        }
        try {
            if (stored.revision() == snapshot.revision()) {
                return false;
            }
            snapshot = stored.snapshot();
            lastStorageError = null;
            return true;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastStorageError)) {
                LOG.warn("could not read the stored rules, keeping the last ones read: {}", e.getMessage());
            }
            lastStorageError = String.valueOf(e.getMessage());
            return false;
        }
    }

    private void merge() {
        Map<String, Rule> byName = new LinkedHashMap<>();
        Map<String, RuleOrigin> origins = new HashMap<>();
        Map<String, Rule> defaultRules = new HashMap<>();
        defaults.rules().forEach(r -> defaultRules.put(r.name(), r));
        for (Rule r : fromFile.rules()) {
            byName.put(r.name(), r);
            origins.put(r.name(), defaultRules.get(r.name()) == r ? RuleOrigin.DEFAULT : RuleOrigin.FILE);
        }
        Map<String, StoredRules.StoredRule> apiRules = new LinkedHashMap<>();
        Map<String, String> apiProblems = new LinkedHashMap<>();
        for (StoredRules.StoredRule s : snapshot.rules()) {
            apiRules.put(s.name(), s);
            if (byName.containsKey(s.name())) {
                // the file gained a rule of this name after the API rule was made: the file wins
                apiProblems.put(s.name(), "not in force: the " + origins.get(s.name()).wire() + " rule of the same name wins");
                continue;
            }
            try {
                byName.put(s.name(), loader.parseRule(RuleBodies.fromText(s.body()), "api rule " + s.name()));
                origins.put(s.name(), RuleOrigin.API);
            } catch (RuleSetException e) {
                apiProblems.put(s.name(), "not in force: " + e.getMessage());
            }
        }
        for (String problem : apiProblems.values()) {
            LOG.warn("stored rule {}", problem);
        }
        List<RuleOverride> overrides = new ArrayList<>(fromFile.overrides());
        for (StoredRules.HostOverride o : snapshot.overrides()) {
            if (byName.containsKey(o.rule())) {
                overrides.add(new RuleOverride(o.rule(), Pattern.compile(Pattern.quote(o.host())), List.of(), o.warning(),
                        o.critical(), null, o.forMillis(), o.disabled() == null ? null : !o.disabled()));
            }
        }
        RuleSet ruleSet = new RuleSet(new ArrayList<>(byName.values()), overrides);
        inForce = new RulesInForce(ruleSet, Map.copyOf(origins), operatorFile == null ? null : operatorFile.toString(),
                lastError, apiRules, apiProblems, fromFile.overrides(), snapshot.overrides());
    }
}
