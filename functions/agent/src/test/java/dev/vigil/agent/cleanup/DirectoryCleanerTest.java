package dev.vigil.agent.cleanup;

import dev.vigil.agent.LogCapture;
import dev.vigil.agent.config.AgentConfigLoader;
import dev.vigil.agent.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Given files of known ages in a temp directory, when a policy runs, then exactly the right files go. */
class DirectoryCleanerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path base;
    private Path root;
    private final DirectoryCleaner cleaner = new DirectoryCleaner(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(base.resolve("logs"));
        file("app-1.log.gz", 10);
        file("app-2.log.gz", 9);
        file("app-3.log.gz", 8);
        file("nested/deep/app-4.log.gz", 20);
        file("today.log.gz", 0);
        file("keep.txt", 30);
    }

    private Path file(String name, int daysOld) throws Exception {
        Path f = root.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x".repeat(100));
        Files.setLastModifiedTime(f, FileTime.from(NOW.minus(Duration.ofDays(daysOld)).minusSeconds(60)));
        return f;
    }

    private static CleanupPolicy policy(Path root, int keepNewest, boolean dryRun) {
        return new CleanupPolicy("logs", root, List.of("*.log.gz"), Duration.ofDays(7), keepNewest, dryRun,
                Duration.ofHours(1), null);
    }

    @Test
    void dryRunDeletesNothingButCountsWhatItWould() throws Exception {
        CleanupResult r = cleaner.run(policy(root, 0, true));
        assertEquals(new CleanupResult("logs", true, 4, 400), r);
        assertTrue(Files.exists(root.resolve("app-1.log.gz")));
        assertTrue(Files.exists(root.resolve("nested/deep/app-4.log.gz")));
    }

    @Test
    void realRunDeletesExactlyTheOldMatchingFiles() throws Exception {
        CleanupResult r = cleaner.run(policy(root, 0, false));
        assertEquals(4, r.filesDeleted());
        assertEquals(400, r.bytesFreed());
        assertFalse(Files.exists(root.resolve("app-1.log.gz")));
        assertFalse(Files.exists(root.resolve("nested/deep/app-4.log.gz")), "name globs match at any depth");
        assertTrue(Files.exists(root.resolve("today.log.gz")), "newer than older-than survives");
        assertTrue(Files.exists(root.resolve("keep.txt")), "not matching survives");
        assertTrue(Files.isDirectory(root.resolve("nested/deep")), "directories are never deleted");
    }

    @Test
    void keepNewestSparesTheNewestMatchingFiles() throws Exception {
        cleaner.run(policy(root, 3, false));
        // newest matching: today(0d), app-3(8d), app-2(9d) are kept; app-1(10d) and app-4(20d) go
        assertTrue(Files.exists(root.resolve("today.log.gz")));
        assertTrue(Files.exists(root.resolve("app-3.log.gz")));
        assertTrue(Files.exists(root.resolve("app-2.log.gz")));
        assertFalse(Files.exists(root.resolve("app-1.log.gz")));
        assertFalse(Files.exists(root.resolve("nested/deep/app-4.log.gz")));
    }

    @Test
    void pathGlobsMatchRelativeToTheRoot() throws Exception {
        CleanupPolicy nestedOnly = new CleanupPolicy("n", root, List.of("nested/**"), Duration.ofDays(7), 0, false,
                Duration.ofHours(1), null);
        assertEquals(1, cleaner.run(nestedOnly).filesDeleted());
        assertTrue(Files.exists(root.resolve("app-1.log.gz")));
    }

    @Test
    void symlinksOutOfTheRootAndTheirTargetsSurvive() throws Exception {
        Path outside = Files.createDirectories(base.resolve("precious"));
        Path target = outside.resolve("data.log.gz");
        Files.writeString(target, "precious");
        Files.setLastModifiedTime(target, FileTime.from(NOW.minus(Duration.ofDays(100))));
        Files.createSymbolicLink(root.resolve("link.log.gz"), target);
        Files.createSymbolicLink(root.resolve("linked-dir"), outside);

        CleanupResult r = cleaner.run(policy(root, 0, false));
        assertEquals(4, r.filesDeleted());
        assertTrue(Files.exists(target), "target outside the root survives");
        assertTrue(Files.isSymbolicLink(root.resolve("link.log.gz")), "the link itself is not a regular file");
        assertTrue(Files.isSymbolicLink(root.resolve("linked-dir")));
    }

    @Test
    void aRootThatIsItselfASymlinkIsNotFollowed() throws Exception {
        Path link = Files.createSymbolicLink(base.resolve("logs-link"), root);
        assertEquals(0, cleaner.run(policy(link, 0, false)).filesDeleted());
        assertTrue(Files.exists(root.resolve("app-1.log.gz")));
    }

    @Test
    void policyRootedAtSystemDirectoriesIsRefused() {
        for (String bad : List.of("/", "/usr", "/var", "/etc/", "/var/../etc")) {
            assertNotNull(CleanupPolicy.refusalOf(Path.of(bad)), bad);
        }
        assertNull(CleanupPolicy.refusalOf(Path.of("/var/log/app")));
        ConfigException e = assertThrows(ConfigException.class, () -> new AgentConfigLoader(Map.of()).parse(
                "url: http://x:1\ntoken: t\ncleanup: [{name: all, root: /, globs: ['*'], older-than: 1d, dry-run: false}]"));
        assertTrue(e.getMessage().contains("refusing"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> cleaner.run(policy(Path.of("/"), 0, true)));
    }

    @Test
    void emergencyRunsThePolicyWhenFreeSpaceIsBelowTheThreshold() throws Exception {
        // 100% as threshold: any real disk is "below" it, so the emergency path must run the policy
        CleanupPolicy urgent = new CleanupPolicy("urgent", root, List.of("*.log.gz"), Duration.ofDays(7), 0, false,
                Duration.ofDays(1), new EmergencyTrigger(base, 99.999));
        CleanupScheduler scheduler = new CleanupScheduler(List.of(urgent), Clock.fixed(NOW, ZoneOffset.UTC));
        scheduler.checkEmergencies();
        assertFalse(Files.exists(root.resolve("app-1.log.gz")));
        assertEquals(4, scheduler.collect(1).stream().filter(s -> s.metric().equals("cleanup_files_deleted"))
                .findFirst().orElseThrow().value());
        scheduler.close();
    }

    /** A directory outside the root holding a file at the same relative place as nested/deep/app-4.log.gz. */
    private Path preciousTwin() throws Exception {
        Path twin = Files.createDirectories(base.resolve("precious/deep")).resolve("app-4.log.gz");
        Files.writeString(twin, "precious");
        Files.setLastModifiedTime(twin, FileTime.from(NOW.minus(Duration.ofDays(100))));
        return twin;
    }

    /** The attack: move root/nested away and put a link to the outside directory in its place. */
    private CleanupTree.RaceHook swapNestedForLinkAt(CleanupTree.RaceHook.Stage when) {
        return (stage, relative) -> {
            if (stage == when && relative.startsWith("nested") && !Files.isSymbolicLink(root.resolve("nested"))) {
                Files.move(root.resolve("nested"), base.resolve("moved-away"));
                Files.createSymbolicLink(root.resolve("nested"), base.resolve("precious"));
            }
        };
    }

    @Test
    void directorySwappedForALinkBeforeItIsReopenedLeavesTheOutsideFileAlone() throws Exception {
        Path twin = preciousTwin();
        DirectoryCleaner racing = new DirectoryCleaner(Clock.fixed(NOW, ZoneOffset.UTC),
                swapNestedForLinkAt(CleanupTree.RaceHook.Stage.BEFORE_REOPEN), true);
        CleanupResult r = racing.run(policy(root, 0, false));
        assertTrue(Files.exists(twin), "file outside the root survives");
        assertEquals(3, r.filesDeleted(), "the swapped file is skipped, the others still go");
        assertTrue(Files.exists(base.resolve("moved-away/deep/app-4.log.gz")));
        assertFalse(Files.exists(root.resolve("app-1.log.gz")));
    }

    @Test
    void directorySwappedForALinkJustBeforeUnlinkLeavesTheOutsideFileAlone() throws Exception {
        Path twin = preciousTwin();
        DirectoryCleaner racing = new DirectoryCleaner(Clock.fixed(NOW, ZoneOffset.UTC),
                swapNestedForLinkAt(CleanupTree.RaceHook.Stage.BEFORE_UNLINK), true);
        CleanupResult r = racing.run(policy(root, 0, false));
        assertTrue(Files.exists(twin), "file outside the root survives");
        assertEquals(4, r.filesDeleted());
        assertFalse(Files.exists(base.resolve("moved-away/deep/app-4.log.gz")),
                "the delete went to the directory handle that was opened, i.e. the listed file itself");
    }

    @Test
    void fileReplacedAfterListingIsNotDeleted() throws Exception {
        DirectoryCleaner racing = new DirectoryCleaner(Clock.fixed(NOW, ZoneOffset.UTC), (stage, relative) -> {
            if (stage == CleanupTree.RaceHook.Stage.BEFORE_REOPEN && relative.toString().equals("app-1.log.gz")) {
                Path f = root.resolve("app-1.log.gz");
                Files.delete(f);
                Files.createSymbolicLink(f, base.resolve("anything"));
            }
        }, true);
        assertEquals(3, racing.run(policy(root, 0, false)).filesDeleted());
        assertTrue(Files.isSymbolicLink(root.resolve("app-1.log.gz")));
    }

    @Test
    void withoutSecureDirectoryStreamsRealRunsAreRefusedButDryRunsWork() throws Exception {
        DirectoryCleaner plain = new DirectoryCleaner(Clock.fixed(NOW, ZoneOffset.UTC), CleanupTree.RaceHook.NONE, false);
        try (LogCapture log = LogCapture.of(DirectoryCleaner.class)) {
            assertEquals(new CleanupResult("logs", false, 0, 0), plain.run(policy(root, 0, false)));
            assertTrue(log.messages().get(0).contains("refusing to delete anything"), log.messages().toString());
        }
        assertTrue(Files.exists(root.resolve("app-1.log.gz")));
        assertEquals(new CleanupResult("logs", true, 4, 400), plain.run(policy(root, 0, true)));
    }
}
