package dev.vigil.ingest.admin;

import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A full page of history over an outbox of large group messages (each about 200 alerts, 22 KB of payload)
 * answers from a payload prefix and one more statement, not a query per item.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationHistoryScaleTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-history-scale";
    static final int ITEMS = 2_000;
    static final int ALERTS_PER_ITEM = 200;

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void aFullPageOfLargeMessagesAnswersWholeAndQuickly() throws SQLException {
        String[] rules = new String[ALERTS_PER_ITEM * 2];
        for (int i = 0; i < ALERTS_PER_ITEM; i++) {
            rules[2 * i] = "Rule" + i;
            rules[2 * i + 1] = "CRITICAL";
        }
        String payload = AdminFixture.payload("FIRING", "db-01", rules);
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement item = c.prepareStatement("INSERT INTO notify_outbox (id, receiver, group_key, kind, payload, "
                    + "status, attempts, next_attempt_at, created_at, sent_at, target) VALUES (?, 'email', 'g', 'FIRING', ?, "
                    + "'SENT', 1, 0, ?, ?, 'ops@example.org')");
                 PreparedStatement link = c.prepareStatement("INSERT INTO notify_outbox_alert (outbox_id, alert_id) VALUES (?, ?)")) {
                for (int id = 1; id <= ITEMS; id++) {
                    item.setLong(1, id);
                    item.setString(2, payload);
                    item.setLong(3, 1_795_000_000_000L + id);
                    item.setLong(4, 1_795_000_000_000L + id);
                    item.addBatch();
                    for (int a = 0; a < ALERTS_PER_ITEM; a++) {
                        link.setLong(1, id);
                        link.setLong(2, id * 1000L + a);
                        link.addBatch();
                    }
                    if (id % 100 == 0) {
                        item.executeBatch();
                        link.executeBatch();
                    }
                }
            }
            c.commit();
        }
        ApiClient api = new ApiClient(server.getURI());
        api.get("/api/v1/notifications?limit=10", ADMIN); // warm up
        long started = System.nanoTime();
        HttpResponse<String> page = api.get("/api/v1/notifications?limit=1000", ADMIN);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<Map<String, Object>> items = new JsonAnswers(json).list(page);
        System.out.printf("notification history: %d of %d items (%d alert links each, %d KB payloads) in %d ms, %d KB answer%n",
                items.size(), ITEMS, ALERTS_PER_ITEM, payload.length() / 1024, millis, page.body().length() / 1024);
        assertEquals(1000, items.size());
        assertEquals(ALERTS_PER_ITEM, items.get(0).get("alertCount"));
        assertEquals(50, ((List<?>) items.get(0).get("alertIds")).size(), "the first 50 ids of each message");
        assertEquals(2_000_000L, ((Number) ((List<?>) items.get(0).get("alertIds")).get(0)).longValue());
        assertEquals("[CRITICAL] db-01: Rule0 and " + (ALERTS_PER_ITEM - 1) + " more", items.get(0).get("summary"));
        assertEquals((long) ITEMS, ((Number) items.get(0).get("id")).longValue());
    }
}
