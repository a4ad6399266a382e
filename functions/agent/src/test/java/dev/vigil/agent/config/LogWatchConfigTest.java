package dev.vigil.agent.config;

import dev.vigil.agent.logs.LogPattern;
import dev.vigil.agent.logs.LogPresets;
import dev.vigil.agent.logs.LogWatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logs:} in agent.yml: read like the rest of the config, every mistake named by its key. */
class LogWatchConfigTest {

    private static final String HEAD = "url: http://x:1\ntoken: t\n";
    private final AgentConfigLoader loader = new AgentConfigLoader(Map.of());

    @Test
    void presetPlusOwnPatterns() {
        AgentConfig c = loader.parse(HEAD + """
                logs:
                  - name: mysql-error
                    path: /var/log/mysql/error.log
                    preset: mysql
                    patterns:
                      - {name: disk-full, regex: "Disk is full|No space left", severity: critical}
                      - {name: deadlock, regex: "Deadlock found"}
                    exclude: ["Aborted connection .* \\\\(Got timeout reading"]
                  - name: kernel
                    path: /var/log/kern.log*
                    preset: kernel
                """);
        assertEquals(2, c.logs().size());
        LogWatch mysql = c.logs().get(0);
        List<String> names = mysql.patterns().stream().map(LogPattern::name).toList();
        assertEquals(LogPresets.MYSQL.size() + 1, names.size(), names.toString());
        assertEquals("deadlock", names.get(names.size() - 1));
        assertEquals(LogPattern.WARNING, mysql.patterns().get(names.size() - 1).severity());
        assertEquals("Disk is full|No space left", mysql.patterns().get(names.indexOf("disk-full")).regex().pattern());
        assertEquals(1, mysql.exclude().size());
        assertEquals(LogPresets.KERNEL, c.logs().get(1).patterns());
        assertTrue(loader.parse(HEAD).logs().isEmpty(), "no file named, no log watch");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "logs: [{name: a, path: /x, preset: mysql, colour: red}]|logs[0].colour",
            "logs: [{path: /x, preset: mysql}]|logs[0].name",
            "logs: [{name: a, preset: mysql}]|logs[0].path",
            "logs: [{name: 'a b', path: /x, preset: mysql}]|logs[0].name",
            "logs: [{name: a, path: /x}]|logs[0].patterns",
            "logs: [{name: a, path: /x, preset: postgres}]|logs[0].preset",
            "logs: [{name: a, path: /x, patterns: [{name: p, regex: 'Disk (full'}]}]|logs[0].patterns[0].regex",
            "logs: [{name: a, path: /x, patterns: [{name: p, regex: x, severity: info}]}]|logs[0].patterns[0].severity",
            "logs: [{name: a, path: /x, patterns: [{name: p, regex: x, when: always}]}]|logs[0].patterns[0].when",
            "logs: [{name: a, path: /x, patterns: [{regex: x}]}]|logs[0].patterns[0].name",
            "logs: [{name: a, path: /x, preset: mysql, include: ['[']}]|logs[0].include[0]",
            "logs: [{name: a, path: /x, preset: mysql}, {name: a, path: /y, preset: kernel}]|logs[1].name",
            "logs: {name: a}|logs"})
    void mistakesAreNamed(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(HEAD + yaml));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void aBadRegexSaysWhatIsWrong() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(HEAD
                + "logs: [{name: a, path: /x, patterns: [{name: p, regex: 'Disk (full'}]}]"));
        assertTrue(e.getMessage().contains("Unclosed group") && e.getMessage().contains("Disk (full"), e.getMessage());
    }

    @Test
    void presetsFindWhatTheyPromise() {
        assertEquals("disk-full", first(LogPresets.MYSQL, "2026-11-29T03:10:00 0 [ERROR] [MY-012639] [InnoDB] Write to file ./ibtmp1 failed at offset 0, 1048576 bytes should have been written, only 0 were written. Operating system error number 28. Check that your OS and file system support files of this size. Check also that the disk is not full or a disk quota exceeded. No space left on device"));
        assertEquals("too-many-connections", first(LogPresets.MYSQL, "2026-11-29 3:10:00 [Warning] Aborted connection 12 to db: 'app' (Too many connections)"));
        assertEquals("crash-recovery", first(LogPresets.MYSQL, "2026-11-29 3:12:00 0 [Note] InnoDB: Starting crash recovery from checkpoint LSN=123"));
        assertEquals("out-of-memory", first(LogPresets.MYSQL, "[ERROR] mysqld: Out of memory (Needed 1048576 bytes)"));
        assertEquals("innodb-corruption", first(LogPresets.MYSQL, "[ERROR] InnoDB: Database page corruption on disk or a failed file read of page [page id: space=5, page number=3]"));
        assertEquals("error", first(LogPresets.MYSQL, "2026-11-29 3:10:00 0 [ERROR] Slave SQL: Error 'Duplicate entry'"));
        assertEquals(null, first(LogPresets.MYSQL, "2026-11-29 3:10:00 0 [Note] mysqld: ready for connections."));
        assertEquals("oom-killer", first(LogPresets.KERNEL, "Nov 29 03:10:00 db-01 kernel: [12345.6] mysqld invoked oom-killer: gfp_mask=0x100cca"));
        assertEquals("oom-killer", first(LogPresets.KERNEL, "kernel: Out of memory: Killed process 812 (mysqld) total-vm:8000000kB"));
        assertEquals("io-error", first(LogPresets.KERNEL, "kernel: blk_update_request: I/O error, dev sda, sector 123456 op 0x1:(WRITE)"));
        assertEquals("read-only-remount", first(LogPresets.KERNEL, "kernel: EXT4-fs (sda1): Remounting filesystem read-only"));
    }

    private static String first(List<LogPattern> patterns, String line) {
        return patterns.stream().filter(p -> p.matches(line)).map(LogPattern::name).findFirst().orElse(null);
    }
}
