package dev.vigil.local;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several local apps on one MariaDB database, each with its own data directory (two machines, or two
 * checkouts): none revokes another's agent token, and starting them at the same moment on a fresh
 * database works for every one of them.
 */
class LocalAppsOnOneDatabaseTest {

    @TempDir
    Path dirs;

    private final List<EmbeddedServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(EmbeddedServer::close);
    }

    @Test
    void aSecondAppWithTheSameHostNameLeavesTheFirstAppsAgentWorking() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        EmbeddedServer first = start(database, "first", "shared-01", true);
        String firstToken = Files.readString(dirs.resolve("first").resolve(LocalAgent.TOKEN_FILE)).trim();
        HostRegistry hosts = first.getApplicationContext().getBean(HostRegistry.class);
        int hostId = hosts.findActive("shared-01").orElseThrow().id();

        EmbeddedServer second = start(database, "second", "shared-01", true);
        long secondStartedAt = System.currentTimeMillis();

        assertTrue(hosts.authenticate(firstToken).isPresent(), "the first app's agent token still authenticates");
        assertEquals(LocalAgent.Status.RUNNING, first.getApplicationContext().getBean(LocalAgent.class).status());
        assertEquals(LocalAgent.Status.HOST_TAKEN, second.getApplicationContext().getBean(LocalAgent.class).status());
        assertTrue(Files.notExists(dirs.resolve("second").resolve(LocalAgent.TOKEN_FILE)));
        LatestValueQuery latest = first.getApplicationContext().getBean(LatestValueQuery.class);
        assertTrue(newestSampleAfter(latest, hostId, secondStartedAt), "the first app's agent still delivers");
    }

    @Test
    void anAppWithItsAgentOffRevokesNothing() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        EmbeddedServer first = start(database, "first", "quiet-01", true);
        String firstToken = Files.readString(dirs.resolve("first").resolve(LocalAgent.TOKEN_FILE)).trim();

        EmbeddedServer second = start(database, "second", "quiet-01", false);

        HostRegistry hosts = second.getApplicationContext().getBean(HostRegistry.class);
        assertTrue(hosts.authenticate(firstToken).isPresent());
        assertEquals(LocalAgent.Status.DISABLED, second.getApplicationContext().getBean(LocalAgent.class).status());
        assertEquals(1, hosts.listActive().size());
    }

    @Test
    void threeAppsStartedTogetherOnAFreshDatabaseAllStart() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        List<EmbeddedServer> twins = startTogether(database, List.of("a", "b", "c"), List.of("node-a", "node-b", "node-c"));
        twins.forEach(server -> assertTrue(server.isRunning()));
        long running = twins.stream()
                .filter(s -> s.getApplicationContext().getBean(LocalAgent.class).status() == LocalAgent.Status.RUNNING)
                .count();
        assertEquals(3, running, "distinct host names: every app samples its machine");
        HostRegistry hosts = twins.get(0).getApplicationContext().getBean(HostRegistry.class);
        assertEquals(List.of("node-a", "node-b", "node-c"), hosts.listActive().stream().map(h -> h.name()).toList());
    }

    @Test
    void twoAppsWithOneHostNameStartedTogetherBothStartAndOneSamples() throws Exception {
        Map<String, String> database = TestDatabase.freshMysql();
        List<EmbeddedServer> twins = startTogether(database, List.of("a", "b"), List.of("twin", "twin"));
        List<LocalAgent.Status> statuses = twins.stream()
                .map(s -> s.getApplicationContext().getBean(LocalAgent.class).status()).sorted().toList();
        assertEquals(List.of(LocalAgent.Status.RUNNING, LocalAgent.Status.HOST_TAKEN), statuses);
        HostRegistry hosts = twins.get(0).getApplicationContext().getBean(HostRegistry.class);
        String winnerToken = twins.stream()
                .filter(s -> s.getApplicationContext().getBean(LocalAgent.class).status() == LocalAgent.Status.RUNNING)
                .map(s -> s.getApplicationContext().getBean(LocalProperties.class).getDataDir().resolve(LocalAgent.TOKEN_FILE))
                .map(LocalAppsOnOneDatabaseTest::readToken).findFirst().orElseThrow();
        assertEquals("twin", hosts.authenticate(winnerToken).orElseThrow().name());
    }

    private List<EmbeddedServer> startTogether(Map<String, String> database, List<String> dataDirs, List<String> hostNames)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(dataDirs.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<EmbeddedServer>> starts = new ArrayList<>();
            for (int i = 0; i < dataDirs.size(); i++) {
                String dir = dataDirs.get(i);
                String host = hostNames.get(i);
                starts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return start(database, dir, host, true);
                }, pool));
            }
            go.countDown();
            List<EmbeddedServer> servers = new ArrayList<>();
            for (CompletableFuture<EmbeddedServer> start : starts) {
                servers.add(start.get(120, TimeUnit.SECONDS));
            }
            return servers;
        } finally {
            pool.shutdown();
        }
    }

    private EmbeddedServer start(Map<String, String> database, String dataDir, String hostName, boolean agent) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", "-1");
        props.put("vigil.local.data-dir", dirs.resolve(dataDir).toString());
        props.put("vigil.local.agent-enabled", String.valueOf(agent));
        props.put("vigil.local.agent-interval", "1s");
        props.put("vigil.local.host-name", hostName);
        props.put("vigil.housekeeping.schedule.enabled", "false");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, LocalApplication.ENVIRONMENT);
        synchronized (started) {
            started.add(server);
        }
        return server;
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean newestSampleAfter(LatestValueQuery latest, int hostId, long after) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (latest.forHost(hostId).stream().mapToLong(SeriesValue::ts).max().orElse(0) > after) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
