package dev.vigil.agent.config;

import dev.vigil.agent.check.CheckDefinition;
import dev.vigil.agent.cleanup.CleanupPolicy;
import dev.vigil.agent.cleanup.EmergencyTrigger;
import dev.vigil.agent.dirs.LargestDirsSettings;
import dev.vigil.agent.mysql.MysqlSettings;
import dev.vigil.agent.mysql.MysqlUpkeepSettings;
import dev.vigil.agent.spool.SpoolSettings;
import dev.vigil.common.SampleConstraints;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads agent.yml into an {@link AgentConfig}. Environment variables VIGIL_AGENT_URL, VIGIL_AGENT_TOKEN and
 * VIGIL_AGENT_HOST override the file. Every problem surfaces as a {@link ConfigException} naming the key.
 */
public final class AgentConfigLoader {

    private static final Set<String> TOP_KEYS = Set.of("url", "host", "token", "interval", "mounts", "ifaces",
            "spool", "mysql", "checks", "cleanup", "logs",
            "largest-dirs");

    private final Map<String, String> env;

    public AgentConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public AgentConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "file " + file + " does not exist or is not a regular file");
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public AgentConfig parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    private AgentConfig parse(Reader reader) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new ConfigException("(yaml)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Object> top = root == null ? Map.of() : map("(top level)", root);
        for (String key : top.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new ConfigException(key, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
            }
        }

        String urlText = firstNonBlank(env.get("VIGIL_AGENT_URL"), text(top, "url", "url"));
        if (urlText == null) {
            throw new ConfigException("url", "required: the ingest base URL, e.g. http://127.0.0.1:8080");
        }
        URI url;
        try {
            url = URI.create(urlText.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("url", "'" + urlText + "' is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ConfigException("url", "'" + urlText + "' must be an http:// or https:// URL with a host");
        }
        String host = firstNonBlank(env.get("VIGIL_AGENT_HOST"), text(top, "host", "host"));
        if (host == null) {
            host = localHostName();
        }
        // the rule ingest applies to every batch: refused here, the agent stops at start instead of spooling batches
        // that can never be accepted
        String badHost = SampleConstraints.checkHostName(host).orElse(null);
        if (badHost != null) {
            throw new ConfigException("host", badHost);
        }
        String token = firstNonBlank(env.get("VIGIL_AGENT_TOKEN"), text(top, "token", "token"));
        if (token == null) {
            throw new ConfigException("token", "required: the host token issued by POST /api/v1/hosts");
        }

        AgentConfig.Builder builder = AgentConfig.builder(url, host, token);
        if (top.get("interval") != null) {
            builder.interval(DurationText.parse("interval", top.get("interval")));
        }
        if (top.get("mounts") != null) {
            builder.mounts(filter("mounts", top.get("mounts"), List.of()));
        }
        if (top.get("ifaces") != null) {
            builder.ifaces(filter("ifaces", top.get("ifaces"), List.of("lo")));
        }
        if (top.get("spool") != null) {
            builder.spool(spool(map("spool", top.get("spool"))));
        }
        if (top.get("mysql") != null) {
            builder.mysql(mysql(map("mysql", top.get("mysql"))));
        }
        if (top.get("largest-dirs") != null) {
            builder.largestDirs(largestDirs(map("largest-dirs", top.get("largest-dirs"))));
        }
        if (top.get("checks") != null) {
            Set<String> names = new HashSet<>();
            List<?> checks = list("checks", top.get("checks"));
            for (int i = 0; i < checks.size(); i++) {
                CheckDefinition check = check("checks[" + i + "]", checks.get(i));
                if (!names.add(check.name())) {
                    throw new ConfigException("checks[" + i + "].name", "duplicate check name '" + check.name() + "'");
                }
                builder.check(check);
            }
        }
        if (top.get("cleanup") != null) {
            Set<String> names = new HashSet<>();
            List<?> policies = list("cleanup", top.get("cleanup"));
            for (int i = 0; i < policies.size(); i++) {
                CleanupPolicy policy = cleanup("cleanup[" + i + "]", policies.get(i));
                if (!names.add(policy.name())) {
                    throw new ConfigException("cleanup[" + i + "].name", "duplicate policy name '" + policy.name() + "'");
                }
                builder.cleanup(policy);
            }
        }
        if (top.get("logs") != null) {
            logs(builder, list("logs", top.get("logs")));
        }
        return builder.build();
    }

    private static void logs(AgentConfig.Builder builder, List<?> entries) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "logs[" + i + "]";
            Map<String, Object> m = map(key, entries.get(i));
            known(key, m, LogWatchConfig.KEYS);
            String name = required(m, "name", key + ".name");
            if (!names.add(name)) {
                throw new ConfigException(key + ".name", "duplicate log name '" + name + "'");
            }
            builder.log(LogWatchConfig.parse(key, name, required(m, "path", key + ".path"), text(m, "preset", key + ".preset"),
                    m.get("patterns") == null ? List.of() : list(key + ".patterns", m.get("patterns")),
                    m.get("include") == null ? List.of() : strings(key + ".include", m.get("include")),
                    m.get("exclude") == null ? List.of() : strings(key + ".exclude", m.get("exclude"))));
        }
    }

    private static NameFilter filter(String key, Object value, List<String> defaultExclude) {
        Map<String, Object> m = map(key, value);
        known(key, m, Set.of("include", "exclude"));
        List<String> include = m.containsKey("include") ? strings(key + ".include", m.get("include")) : List.of();
        List<String> exclude = m.containsKey("exclude") ? strings(key + ".exclude", m.get("exclude")) : defaultExclude;
        return new NameFilter(include, exclude);
    }

    private static SpoolSettings spool(Map<String, Object> m) {
        known("spool", m, Set.of("dir", "max-bytes"));
        String dir = text(m, "dir", "spool.dir");
        long maxBytes = m.get("max-bytes") == null ? SpoolSettings.DEFAULT_MAX_BYTES
                : ByteSizeText.parse("spool.max-bytes", m.get("max-bytes"));
        return new SpoolSettings(dir == null ? SpoolSettings.DEFAULT_DIR : Path.of(dir), maxBytes);
    }

    private static MysqlSettings mysql(Map<String, Object> m) {
        known("mysql", m, Set.of("url", "user", "password", "schemas", "table-sizes-top", "query-timeout", "upkeep"));
        String url = text(m, "url", "mysql.url");
        if (url == null || !url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
            throw new ConfigException("mysql.url", "required: a jdbc:mysql://host:port/ URL");
        }
        if (url.startsWith("jdbc:mariadb:")) {
            url = "jdbc:mysql:" + url.substring("jdbc:mariadb:".length()); // one driver serves both
        }
        String user = text(m, "user", "mysql.user");
        if (user == null) {
            throw new ConfigException("mysql.user", "required: a read-only database user");
        }
        List<String> schemas = m.get("schemas") == null ? List.of() : strings("mysql.schemas", m.get("schemas"));
        int tablesTop = m.get("table-sizes-top") == null ? MysqlSettings.DEFAULT_TABLE_SIZES_TOP
                : wholeNumber("mysql.table-sizes-top", m.get("table-sizes-top"), 0);
        Duration queryTimeout = m.get("query-timeout") == null ? MysqlSettings.DEFAULT_QUERY_TIMEOUT
                : DurationText.parse("mysql.query-timeout", m.get("query-timeout"));
        MysqlUpkeepSettings upkeep = m.get("upkeep") == null ? null : upkeep(map("mysql.upkeep", m.get("upkeep")));
        return new MysqlSettings(url, user, text(m, "password", "mysql.password"), schemas, tablesTop, queryTimeout, upkeep);
    }

    private static MysqlUpkeepSettings upkeep(Map<String, Object> m) {
        known("mysql.upkeep", m, Set.of("tables", "every", "optimize-free-above-percent", "analyze", "dry-run"));
        if (m.get("tables") == null) {
            throw new ConfigException("mysql.upkeep.tables", "required: the tables to keep up, as schema.table");
        }
        List<String> tables = strings("mysql.upkeep.tables", m.get("tables"));
        Duration every = m.get("every") == null ? MysqlUpkeepSettings.DEFAULT_EVERY
                : DurationText.parse("mysql.upkeep.every", m.get("every"));
        double freeAbove = m.get("optimize-free-above-percent") == null
                ? MysqlUpkeepSettings.DEFAULT_OPTIMIZE_FREE_ABOVE_PERCENT
                : percent("mysql.upkeep.optimize-free-above-percent", m.get("optimize-free-above-percent"));
        boolean analyze = flag("mysql.upkeep.analyze", m.get("analyze"), true);
        boolean dryRun = flag("mysql.upkeep.dry-run", m.get("dry-run"), true);
        try {
            return new MysqlUpkeepSettings(tables, every, freeAbove, analyze, dryRun);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mysql.upkeep.tables", e.getMessage());
        }
    }

    private static LargestDirsSettings largestDirs(Map<String, Object> m) {
        String key = "largest-dirs";
        known(key, m, Set.of("roots", "top", "every", "when-used-above", "budget", "max-depth"));
        List<Path> roots = new ArrayList<>();
        if (m.get("roots") != null) {
            for (String r : strings(key + ".roots", m.get("roots"))) {
                Path root = Path.of(r);
                if (!root.isAbsolute()) {
                    throw new ConfigException(key + ".roots", "'" + r + "' must be an absolute path");
                }
                roots.add(root);
            }
        }
        int top = m.get("top") == null ? LargestDirsSettings.DEFAULT_TOP : wholeNumber(key + ".top", m.get("top"), 1);
        Duration every = m.get("every") == null ? LargestDirsSettings.DEFAULT_EVERY
                : DurationText.parse(key + ".every", m.get("every"));
        Double whenUsedAbove = LargestDirsSettings.DEFAULT_WHEN_USED_ABOVE;
        if (m.containsKey("when-used-above")) {
            whenUsedAbove = m.get("when-used-above") == null || Boolean.FALSE.equals(m.get("when-used-above")) ? null
                    : percent(key + ".when-used-above", m.get("when-used-above"));
        }
        Duration budget = m.get("budget") == null ? LargestDirsSettings.DEFAULT_BUDGET
                : DurationText.parse(key + ".budget", m.get("budget"));
        int maxDepth = m.get("max-depth") == null ? LargestDirsSettings.DEFAULT_MAX_DEPTH
                : wholeNumber(key + ".max-depth", m.get("max-depth"), 1);
        if (roots.isEmpty() && whenUsedAbove == null) {
            throw new ConfigException(key, "nothing to scan: give roots, or keep when-used-above");
        }
        return new LargestDirsSettings(roots, top, every, whenUsedAbove, budget, maxDepth);
    }

    private static int wholeNumber(String key, Object value, int min) {
        if (!(value instanceof Integer n) || n < min) {
            throw new ConfigException(key, "must be a whole number >= " + min);
        }
        return n;
    }

    private static double percent(String key, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() >= 100) {
            throw new ConfigException(key, "must be a percentage between 0 and 100");
        }
        return n.doubleValue();
    }

    private static boolean flag(String key, Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean b)) {
            throw new ConfigException(key, "must be true or false");
        }
        return b;
    }

    private static CheckDefinition check(String key, Object value) {
        Map<String, Object> m = map(key, value);
        known(key, m, Set.of("name", "command", "timeout"));
        String name = required(m, "name", key + ".name");
        String command = required(m, "command", key + ".command");
        Duration timeout = m.get("timeout") == null ? CheckDefinition.DEFAULT_TIMEOUT
                : DurationText.parse(key + ".timeout", m.get("timeout"));
        return new CheckDefinition(name, command, timeout);
    }

    private static CleanupPolicy cleanup(String key, Object value) {
        Map<String, Object> m = map(key, value);
        known(key, m, Set.of("name", "root", "globs", "older-than", "keep-newest", "dry-run", "every", "emergency"));
        String name = required(m, "name", key + ".name");
        Path root = Path.of(required(m, "root", key + ".root"));
        String refusal = CleanupPolicy.refusalOf(root);
        if (refusal != null) {
            throw new ConfigException(key + ".root", refusal);
        }
        if (m.get("globs") == null) {
            throw new ConfigException(key + ".globs", "required: at least one file pattern, e.g. [\"**/*.log.gz\"]");
        }
        List<String> globs = strings(key + ".globs", m.get("globs"));
        if (globs.isEmpty()) {
            throw new ConfigException(key + ".globs", "required: at least one file pattern");
        }
        if (m.get("older-than") == null) {
            throw new ConfigException(key + ".older-than", "required: minimum file age, e.g. 7d");
        }
        Duration olderThan = DurationText.parse(key + ".older-than", m.get("older-than"));
        int keepNewest = 0;
        if (m.get("keep-newest") != null) {
            if (!(m.get("keep-newest") instanceof Integer n) || n < 0) {
                throw new ConfigException(key + ".keep-newest", "must be a whole number >= 0");
            }
            keepNewest = n;
        }
        boolean dryRun = true;
        if (m.get("dry-run") != null) {
            if (!(m.get("dry-run") instanceof Boolean b)) {
                throw new ConfigException(key + ".dry-run", "must be true or false");
            }
            dryRun = b;
        }
        Duration every = m.get("every") == null ? CleanupPolicy.DEFAULT_EVERY : DurationText.parse(key + ".every", m.get("every"));
        EmergencyTrigger emergency = null;
        if (m.get("emergency") != null) {
            Map<String, Object> e = map(key + ".emergency", m.get("emergency"));
            known(key + ".emergency", e, Set.of("mount", "free-below-percent"));
            String mount = required(e, "mount", key + ".emergency.mount");
            if (!(e.get("free-below-percent") instanceof Number pct) || pct.doubleValue() <= 0 || pct.doubleValue() >= 100) {
                throw new ConfigException(key + ".emergency.free-below-percent", "required: a percentage between 0 and 100");
            }
            emergency = new EmergencyTrigger(Path.of(mount), pct.doubleValue());
        }
        return new CleanupPolicy(name, root, globs, olderThan, keepNewest, dryRun, every, emergency);
    }

    private static void known(String key, Map<String, Object> m, Set<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new ConfigException(key + "." + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String key, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigException(key, "must be a mapping of keys to values");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new ConfigException(key, "key '" + k + "' must be text");
            }
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(String key, Object value) {
        if (!(value instanceof List<?> l)) {
            throw new ConfigException(key, "must be a list");
        }
        return l;
    }

    private static List<String> strings(String key, Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list(key, value)) {
            if (o == null || o instanceof Map || o instanceof List) {
                throw new ConfigException(key, "must be a list of text values");
            }
            out.add(o.toString());
        }
        return out;
    }

    private static String text(Map<String, Object> m, String name, String key) {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(key, "must be a single value");
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static String required(Map<String, Object> m, String name, String key) {
        String v = text(m, name, key);
        if (v == null) {
            throw new ConfigException(key, "required");
        }
        return v;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new ConfigException("host", "not set and the local host name cannot be resolved");
        }
    }
}
