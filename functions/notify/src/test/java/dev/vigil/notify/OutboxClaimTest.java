package dev.vigil.notify;

import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.outbox.OutboxItem;
import dev.vigil.notify.outbox.OutboxStore;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A claim says whether more items were due beyond its limit, so a worker stops without a last claim that finds nothing. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxClaimTest extends NotifyScenario {

    @Inject
    NotificationPlanner planner;
    @Inject
    OutboxStore store;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.notify.critical-receivers", "webhook", "vigil.notify.webhook.urls", webhookA.url("/claim"));
    }

    @Test
    void givenFourDueItems_whenClaimedThreeAtATime_thenTheFirstClaimSaysMoreAndTheSecondDoesNot() {
        for (int i = 0; i < 4; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        planner.plan();
        clock.advance(Duration.ofSeconds(31));
        planner.plan();
        long now = clock.millis();
        long until = now + 60_000;

        OutboxStore.Claimed first = store.claim("webhook-0", "runner-a", now, until, 3);
        OutboxStore.Claimed second = store.claim("webhook-0", "runner-a", now, until, 3);
        OutboxStore.Claimed third = store.claim("webhook-0", "runner-b", now, until, 3);

        assertEquals(3, first.items().size());
        assertTrue(first.more(), "a fourth item was due");
        assertEquals(1, second.items().size());
        assertFalse(second.more(), "nothing was due beyond it");
        assertTrue(first.items().get(2).id() < second.items().get(0).id(), "claims go in id order");
        assertEquals(0, third.items().size(), "claimed items are nobody else's");
        assertFalse(third.more());
        store.release(first.items(), "runner-a");
        store.release(second.items(), "runner-a");
        OutboxStore.Claimed all = store.claim("webhook-0", "runner-b", now, until, 4);
        assertEquals(4, all.items().size());
        assertFalse(all.more(), "exactly the limit due is not more");
        assertEquals(first.items().stream().map(OutboxItem::id).toList(), all.items().subList(0, 3).stream().map(OutboxItem::id).toList());
    }
}
