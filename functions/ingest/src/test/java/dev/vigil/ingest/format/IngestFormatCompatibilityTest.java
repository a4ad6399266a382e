package dev.vigil.ingest.format;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every sender format must do, over a real socket against a fresh MySQL-compatible database:
 * the same auth, limits and all-or-nothing storage as /api/v1/samples, and contract names out.
 * A format's test extends this (annotated {@code @MicronautTest(transactional = false)}) and says how
 * its bodies look.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IngestFormatCompatibilityTest implements TestPropertyProvider {

    protected static final String ADMIN = "test-admin-token-0123456789";
    protected static final String HOST = "db-01";
    protected static final String OTHER_HOST = "web-01";

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected DataSource dataSource;
    @Inject
    protected EvaluationCycle evaluation;
    @Inject
    protected LatestValueQuery latest;
    @Inject
    protected HostRegistry hosts;

    protected ApiClient api;
    protected String hostToken;
    protected String otherToken;

    /** The write path for a body about {@code host}. */
    protected abstract String path(String host);

    protected abstract String contentType();

    /**
     * A body for {@code host} at {@code tsMillis} saying: memory 1000 bytes total of which 250
     * available, and the filesystem mounted at "/" 950 of 1000 bytes used (no reserved blocks).
     */
    protected abstract String machineBody(String host, long tsMillis);

    /** A body whose first entries are valid and whose entry at {@link #badLocation()} is malformed. */
    protected abstract String bodyWithOneBadEntry(String host, long tsMillis);

    /** Words the 400 must contain to name the bad entry, e.g. "line 3". */
    protected abstract String badLocation();

    /** A body of {@code count} distinct plain gauge values for {@code host}. */
    protected abstract String gauges(String host, int count, long tsMillis);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", ADMIN);
        // the batch-size scenario creates 10,000 series on db-01 and the other scenarios then add
        // theirs within the same minute: room for both (the limits have their own SeriesLimitsApiTest)
        props.put("vigil.ingest.limits.max-active-series-per-host", "20000");
        props.put("vigil.ingest.limits.max-new-series-per-minute", "20000");
        return props;
    }

    @BeforeAll
    void registerHosts() {
        api = new ApiClient(server.getURI());
        hostToken = hosts.register(HOST).orElseThrow().token();
        otherToken = hosts.register(OTHER_HOST).orElseThrow().token();
    }

    protected HttpResponse<String> post(String token, String body) {
        return api.post(path(HOST), token, contentType(), body.getBytes(StandardCharsets.UTF_8));
    }

    protected long storedSamples() {
        return Sql.count(dataSource, "SELECT COUNT(*) FROM samples");
    }

    protected List<SeriesValue> latestOf(String host) {
        return latest.forHost(hosts.findActive(host).orElseThrow().id());
    }

    protected Optional<SeriesValue> latestValue(String host, String metric, Map<String, String> labels) {
        return latestOf(host).stream()
                .filter(v -> v.metric().equals(metric) && v.labels().entrySet().containsAll(labels.entrySet()))
                .findFirst();
    }

    protected static long nowMillis() {
        return System.currentTimeMillis() / 1000 * 1000;
    }

    protected static int accepted(HttpResponse<String> response) {
        Matcher m = Pattern.compile("\"accepted\":(\\d+)").matcher(response.body());
        assertTrue(m.find(), response.body());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void mapsAMachineToTheContractNames() {
        HttpResponse<String> response = post(hostToken, machineBody(HOST, nowMillis() - 60_000));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(75.0, latestValue(HOST, "memory_used_percent", Map.of()).orElseThrow().value(), 1e-9);
        assertEquals(1000.0, latestValue(HOST, "memory_total_bytes", Map.of()).orElseThrow().value(), 1e-9);
        // the DiskSpaceLow condition (disk_used_percent > 90) holds for data that came only through this format
        SeriesValue disk = latestValue(HOST, "disk_used_percent", Map.of("mount", "/"))
                .orElseThrow(() -> new AssertionError("no disk_used_percent{mount=\"/\"} in " + latestOf(HOST)));
        assertEquals(95.0, disk.value(), 1e-9);
        assertTrue(disk.value() > 90);
        assertEquals(50.0, latestValue(HOST, "disk_free_bytes", Map.of("mount", "/")).orElseThrow().value(), 1e-9);

        // and the default rule fires from it: the evaluation cycle raises DiskSpaceLow, critical, on "/"
        evaluation.runOnce();
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE host = '" + HOST + "' AND rule = 'DiskSpaceLow'"
                + " AND state = 'firing' AND severity = 'critical' AND labels LIKE '%\"mount\":\"/\"%'"),
                "DiskSpaceLow fires for data that arrived only through this format");
    }

    @Test
    void resendingABodyStoresNothingTwice() {
        String body = machineBody(HOST, nowMillis() - 120_000);
        HttpResponse<String> first = post(hostToken, body);
        assertEquals(202, first.statusCode(), first.body());
        long stored = storedSamples();
        HttpResponse<String> again = post(hostToken, body);
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(0, accepted(again), again.body());
        assertEquals(stored, storedSamples());
    }

    @Test
    void oneBadEntryRefusesTheWholeBodyAndNamesIt() {
        long before = storedSamples();
        HttpResponse<String> response = post(hostToken, bodyWithOneBadEntry(HOST, nowMillis() - 180_000));
        assertRefused(response, 400, badLocation());
        assertEquals(before, storedSamples(), "nothing of a refused body is stored");
    }

    @Test
    void refusesMissingUnknownForeignAndAdminTokens() {
        String body = machineBody(HOST, nowMillis() - 240_000);
        long before = storedSamples();
        assertRefused(post(null, body), 401, "Authorization");
        assertRefused(post("not-a-token", body), 401, "invalid");
        assertRefused(post(otherToken, body), 403, "may not write for host '" + HOST + "'");
        assertRefused(post(ADMIN, body), 403, "host's own token");
        assertEquals(before, storedSamples());
        assertFalse(post(otherToken, body).body().contains(otherToken), "tokens never appear in answers");
    }

    @Test
    void appliesTheBodyAndBatchLimits() {
        long before = storedSamples();
        byte[] huge = new byte[1024 * 1024 + 1];
        Arrays.fill(huge, (byte) '\n');
        assertRefused(api.post(path(HOST), hostToken, contentType(), huge), 413, "over the limit");
        assertRefused(api.post(path(HOST), hostToken, contentType(), new byte[0]), 400, "empty");
        assertRefused(api.post(path(HOST), hostToken, "image/png", machineBody(HOST, nowMillis()).getBytes(StandardCharsets.UTF_8)),
                415, "Content-Type");
        assertRefused(post(hostToken, gauges(HOST, 10_001, nowMillis() - 300_000)), 400, "more than 10000");
        assertEquals(before, storedSamples());
        HttpResponse<String> full = post(hostToken, gauges(HOST, 10_000, nowMillis() - 300_000));
        assertEquals(202, full.statusCode(), full.body());
        assertEquals(10_000, accepted(full));
    }

    protected static void assertRefused(HttpResponse<String> response, int status, String words) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":\""), response.body());
        assertTrue(response.body().contains(words), response.body());
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
    }
}
