package dev.vigil.agent.config;

import dev.vigil.agent.dirs.LargestDirsSettings;
import dev.vigil.agent.mysql.MysqlSettings;
import dev.vigil.agent.mysql.MysqlUpkeepSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The `largest-dirs:` block and the `mysql:` keys for server health and upkeep. */
class MysqlAndLargestDirsConfigTest {

    private static final String HEAD = "url: http://127.0.0.1:8080\nhost: h\ntoken: t\n";
    private final AgentConfigLoader loader = new AgentConfigLoader(Map.of());

    @Test
    void largestDirsAsTheIssueWritesIt() {
        AgentConfig c = loader.parse(HEAD + "largest-dirs: {roots: [/srv], top: 10, every: 1h, when-used-above: 80, budget: 30s}");
        assertEquals(new LargestDirsSettings(List.of(Path.of("/srv")), 10, Duration.ofHours(1), 80.0, Duration.ofSeconds(30),
                LargestDirsSettings.DEFAULT_MAX_DEPTH), c.largestDirs());
    }

    @Test
    void largestDirsDefaultsScanFullMountsOnly() {
        AgentConfig c = loader.parse(HEAD + "largest-dirs: {}");
        assertEquals(LargestDirsSettings.defaults(List.of()), c.largestDirs());
        assertNull(loader.parse(HEAD).largestDirs(), "off unless configured");
    }

    @Test
    void mysqlHealthAndUpkeepKeys() {
        AgentConfig c = loader.parse(HEAD + """
                mysql:
                  url: jdbc:mysql://127.0.0.1:3306/
                  user: ro
                  table-sizes-top: 3
                  query-timeout: 2s
                  upkeep: {tables: [app.events, app.sessions], every: 7d, optimize-free-above-percent: 25, dry-run: false}
                """);
        MysqlSettings m = c.mysql();
        assertEquals(3, m.tableSizesTop());
        assertEquals(Duration.ofSeconds(2), m.queryTimeout());
        assertEquals(new MysqlUpkeepSettings(List.of("app.events", "app.sessions"), Duration.ofDays(7), 25, true, false), m.upkeep());
        MysqlSettings plain = loader.parse(HEAD + "mysql: {url: \"jdbc:mysql://h/\", user: ro}").mysql();
        assertEquals(MysqlSettings.DEFAULT_TABLE_SIZES_TOP, plain.tableSizesTop());
        assertNull(plain.upkeep());
    }

    @Test
    void upkeepIsDryRunUnlessTurnedOff() {
        MysqlUpkeepSettings u = loader.parse(HEAD + "mysql: {url: \"jdbc:mysql://h/\", user: ro, upkeep: {tables: [a.b]}}")
                .mysql().upkeep();
        assertTrue(u.dryRun());
        assertEquals(MysqlUpkeepSettings.DEFAULT_EVERY, u.every());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "largest-dirs: {roots: [srv]}|largest-dirs.roots",
            "largest-dirs: {top: 0}|largest-dirs.top",
            "largest-dirs: {when-used-above: 120}|largest-dirs.when-used-above",
            "largest-dirs: {roots: [], when-used-above: false}|largest-dirs",
            "largest-dirs: {depth: 3}|largest-dirs.depth",
            "largest-dirs: {budget: soon}|largest-dirs.budget",
            "mysql: {url: 'jdbc:mysql://h/', user: ro, table-sizes-top: -1}|mysql.table-sizes-top",
            "mysql: {url: 'jdbc:mysql://h/', user: ro, upkeep: {}}|mysql.upkeep.tables",
            "mysql: {url: 'jdbc:mysql://h/', user: ro, upkeep: {tables: ['a.b`c']}}|mysql.upkeep.tables",
            "mysql: {url: 'jdbc:mysql://h/', user: ro, upkeep: {tables: [a.b], dry-run: maybe}}|mysql.upkeep.dry-run",
    })
    void badValuesNameTheirKey(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(HEAD + yaml));
        assertEquals(key, e.key(), e.getMessage());
    }
}
