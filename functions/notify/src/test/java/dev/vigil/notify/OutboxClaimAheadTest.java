package dev.vigil.notify;

import dev.vigil.core.testing.Sql;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.outbox.OutboxDispatcher;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import dev.vigil.notify.testing.RecordingReceiver;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A worker claims its next batch while it sends the current one and marks SENT in the background. With batches
 * of 3, ten items span four claims: each must still arrive once, in outbox order, and a failure must hand the
 * claimed-ahead batch back with the batch's rest, deferred like it, so none of them overtakes the failed item.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxClaimAheadTest extends NotifyScenario {

    static final int HOSTS = 10;
    static final Pattern HOST = Pattern.compile("host-\\d+");

    @Inject
    NotificationPlanner planner;
    @Inject
    OutboxDispatcher dispatcher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.notify.critical-receivers", "webhook", "vigil.notify.webhook.urls", webhookA.url("/claim-ahead"),
                "vigil.notify.claim-batch", "3");
    }

    private void planOneMessagePerHost() {
        for (int i = 0; i < HOSTS; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        planner.plan();
        clock.advance(Duration.ofSeconds(31));
        planner.plan();
    }

    @Test
    void everyItemArrivesOnceInOutboxOrderAcrossClaimedAheadBatches() throws Exception {
        planOneMessagePerHost();
        assertEquals(HOSTS, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'PENDING'"));

        OutboxDispatcher.DispatchResult result = dispatcher.dispatch();

        assertEquals(HOSTS, result.sent());
        assertEquals(outboxOrder(), delivered(webhookA.requests()), "one request per item, in id order");
        assertEquals(HOSTS, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT' AND attempts = 1"
                + " AND claimed_by IS NULL AND claim_until IS NULL"), "all marked SENT before dispatch returned");
        dispatcher.dispatch();
        assertEquals(HOSTS, webhookA.requests().size(), "nothing left to send twice");
    }

    @Test
    void aFailureDefersTheClaimedAheadBatchWithTheRestAndTheirOrderHolds() throws Exception {
        planOneMessagePerHost();
        List<String> order = outboxOrder();
        // The fifth item fails: it sits in the second batch while the third (items 7-9) is already claimed ahead.
        webhookA.answer(200, 200, 200, 200, 500);

        OutboxDispatcher.DispatchResult first = dispatcher.dispatch();

        assertEquals(4, first.sent());
        assertEquals(1, first.retried());
        assertEquals(0, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE claimed_by IS NOT NULL OR claim_until IS NOT NULL"),
                "no claim left behind");
        assertEquals(4, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'PENDING' AND attempts = 0"
                + " AND next_attempt_at > " + clock.millis()), "the batch's rest and the claimed-ahead batch wait, no attempt spent");
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'PENDING' AND attempts = 1"));
        List<String> heldBack = order.subList(4, 9);
        dispatcher.dispatch();
        assertEquals(List.of(), webhookA.requests().subList(5, webhookA.requests().size()).stream()
                .map(r -> host(r.body())).filter(heldBack::contains).toList(), "nothing held back is due before the backoff");

        clock.advance(Duration.ofMinutes(5));
        dispatcher.dispatch();

        List<String> accepted = delivered(webhookA.requests().stream().filter(r -> r.answered() == 200).toList());
        assertEquals(order.stream().sorted().toList(), accepted.stream().sorted().toList(), "each item accepted once");
        assertEquals(heldBack, accepted.stream().filter(heldBack::contains).toList(),
                "the failed item and those held back with it keep their order");
        assertEquals(HOSTS, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT'"));
    }

    private List<String> outboxOrder() throws Exception {
        List<String> hosts = new ArrayList<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT payload FROM notify_outbox WHERE receiver = 'webhook-0' ORDER BY id")) {
            while (rs.next()) {
                hosts.add(host(rs.getString(1)));
            }
        }
        return hosts;
    }

    private static List<String> delivered(List<RecordingReceiver.Request> requests) {
        return requests.stream().map(r -> host(r.body())).toList();
    }

    private static String host(String json) {
        Matcher m = HOST.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no host in " + json);
        }
        return m.group();
    }
}
