package dev.vigil.agent.config;

import dev.vigil.agent.cleanup.CleanupPolicy;
import dev.vigil.agent.spool.SpoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class AgentConfigLoaderTest {

    private final AgentConfigLoader loader = new AgentConfigLoader(Map.of());

    @Test
    void fullConfigIsRead() {
        AgentConfig c = loader.parse("""
                url: http://127.0.0.1:8080/
                host: db-01
                token: secret
                interval: 1m
                mounts: {include: ["/", "/data*"], exclude: ["/boot"]}
                ifaces: {include: ["eth*"]}
                spool: {dir: /tmp/spool-x, max-bytes: 8MiB}
                mysql: {url: "jdbc:mysql://127.0.0.1:3306/", user: ro, password: pw, schemas: [app]}
                checks:
                  - {name: backup, command: "test -f /backup/ok", timeout: 5s}
                  - {name: queue, command: "echo 3"}
                cleanup:
                  - name: app-logs
                    root: /var/log/app
                    globs: ["**/*.gz"]
                    older-than: 7d
                    keep-newest: 3
                    every: 30m
                    emergency: {mount: /, free-below-percent: 5}
                """);
        assertEquals(URI.create("http://127.0.0.1:8080/api/v1/samples"), c.samplesEndpoint());
        assertEquals("db-01", c.host());
        assertEquals("secret", c.token());
        assertEquals(Duration.ofMinutes(1), c.interval());
        assertTrue(c.mounts().accepts("/data2"));
        assertFalse(c.mounts().accepts("/boot"));
        assertFalse(c.mounts().accepts("/home"));
        assertTrue(c.ifaces().accepts("eth0"));
        assertFalse(c.ifaces().accepts("lo"), "lo stays excluded by default");
        assertEquals(new SpoolSettings(Path.of("/tmp/spool-x"), 8L << 20), c.spool());
        assertEquals(List.of("app"), c.mysql().schemas());
        assertEquals(2, c.checks().size());
        assertEquals(Duration.ofSeconds(10), c.checks().get(1).timeout());
        CleanupPolicy p = c.cleanup().get(0);
        assertTrue(p.dryRun(), "dry-run is the default");
        assertEquals(Duration.ofDays(7), p.olderThan());
        assertEquals(3, p.keepNewest());
        assertEquals(Duration.ofMinutes(30), p.every());
        assertEquals(5.0, p.emergency().freeBelowPercent());
    }

    @Test
    void defaultsAndEnvironmentOverrides() {
        AgentConfig c = new AgentConfigLoader(Map.of("VIGIL_AGENT_URL", "http://ingest:9000",
                "VIGIL_AGENT_TOKEN", "from-env", "VIGIL_AGENT_HOST", "web-07"))
                .parse("url: http://ignored:1\ntoken: file-token\n");
        assertEquals("http://ingest:9000", c.url().toString());
        assertEquals("from-env", c.token());
        assertEquals("web-07", c.host());
        assertEquals(Duration.ofSeconds(15), c.interval());
        assertEquals(SpoolSettings.defaults(), c.spool());
        assertNull(c.mysql());
        assertTrue(c.checks().isEmpty());
        assertTrue(c.mounts().accepts("/anything"));
    }

    @ParameterizedTest
    @CsvSource({"15s,15", "15,15", "1m,60", "2h,7200", "1d,86400"})
    void intervalForms(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), loader.parse("url: http://x:1\ntoken: t\ninterval: " + text).interval());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("token: t", "url"),
                Arguments.of("url: http://x:1", "token"),
                Arguments.of("url: ftp://x\ntoken: t", "url"),
                Arguments.of("url: http://x:1\ntoken: t\ninterval: soon", "interval"),
                Arguments.of("url: http://x:1\ntoken: t\ninterval: 0s", "interval"),
                Arguments.of("url: http://x:1\ntoken: t\nintervall: 15s", "intervall"),
                Arguments.of("url: http://x:1\ntoken: t\nspool: {max-bytes: lots}", "spool.max-bytes"),
                Arguments.of("url: http://x:1\ntoken: t\nmysql: {user: ro}", "mysql.url"),
                Arguments.of("url: http://x:1\ntoken: t\nchecks: [{name: a}]", "checks[0].command"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: all, root: /, globs: ['*'], older-than: 1d}]", "cleanup[0].root"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: v, root: /var/, globs: ['*'], older-than: 1d}]", "cleanup[0].root"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: e, root: /etc, globs: ['*'], older-than: 1d}]", "cleanup[0].root"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: r, root: relative/dir, globs: ['*'], older-than: 1d}]", "cleanup[0].root"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: g, root: /srv/x, older-than: 1d}]", "cleanup[0].globs"),
                Arguments.of("url: http://x:1\ntoken: t\ncleanup: [{name: d, root: /srv/x, globs: ['*'], older-than: 1d, dry-run: maybe}]", "cleanup[0].dry-run"),
                Arguments.of("url: http://x:1\ntoken: t\nhost: db 01", "host"),
                Arguments.of("url: [http://x:1\ntoken: t", "(yaml)"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badConfigNamesTheKey(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
    }

    @Test
    void systemRootReachedThroughASymlinkIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(
                "url: http://x:1\ntoken: t\ncleanup: [{name: l, root: " + link + ", globs: ['*'], older-than: 1d}]"));
        assertEquals("cleanup[0].root", e.key());
        assertTrue(e.getMessage().contains("/etc"));
    }
}
