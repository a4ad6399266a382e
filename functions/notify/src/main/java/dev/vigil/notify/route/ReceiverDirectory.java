package dev.vigil.notify.route;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.rules.Severity;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.outbox.OutboxStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receivers of the routing in force as the API shows them (name, each integration's kind and
 * redacted target, its last delivery from the outbox), and the operator's test send: a clearly
 * marked message through the real channel, now, recorded in the outbox as kind TEST.
 */
@Singleton
public class ReceiverDirectory {

    /** The rule name of the test message's one alert, so chat and webhook consumers see what it is. */
    public static final String TEST_ALERT = "VigilTestMessage";
    static final String TEST_GROUP_KEY = "test";
    static final String TEST_FINGERPRINT = "0".repeat(32);

    @Serdeable
    public record LastDelivery(long at, String status, String kind, @Nullable String error) {
    }

    @Serdeable
    public record IntegrationView(String kind, String key, String target, boolean sendResolved, @Nullable LastDelivery lastDelivery) {
    }

    @Serdeable
    public record ReceiverView(String name, List<IntegrationView> integrations) {
    }

    @Serdeable
    public record TestResult(String kind, String key, String target, boolean delivered, @Nullable String error) {
    }

    @Serdeable
    public record TestReport(String receiver, boolean delivered, List<TestResult> results) {
    }

    private final RoutingSource routing;
    private final OutboxStore outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ReceiverDirectory(RoutingSource routing, OutboxStore outbox, ObjectMapper json, Clock clock) {
        this.routing = routing;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public List<ReceiverView> list() {
        Routing r = routing.current();
        Map<String, OutboxStore.LastAttempt> last = outbox.lastAttempts(r.integrations().stream().map(Integration::key).toList());
        List<ReceiverView> out = new ArrayList<>();
        for (Receiver receiver : r.receivers()) {
            out.add(new ReceiverView(receiver.name(), receiver.integrations().stream().map(i -> {
                OutboxStore.LastAttempt a = last.get(i.key());
                // A SENT item keeps the error of its failed attempts for the history; its delivery itself went fine.
                LastDelivery d = a == null ? null : new LastDelivery(a.at(), a.status(), a.kind(),
                        "SENT".equals(a.status()) ? null : r.redactor().redact(a.error()));
                return new IntegrationView(i.kind(), i.key(), i.target(), i.sendResolved(), d);
            }).toList()));
        }
        return out;
    }

    /** Empty when no receiver has that name; a receiver without integrations reports nothing delivered. */
    public Optional<TestReport> test(String name) {
        Routing r = routing.current();
        Optional<Receiver> receiver = r.receiver(name);
        if (receiver.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        List<TestResult> results = new ArrayList<>();
        for (Integration in : receiver.get().integrations()) {
            Notification n = new Notification(in.key(), NotificationKind.TEST, SelfHost.NAME, now, List.of(testAlert(name, now)), TEST_GROUP_KEY,
                    Map.of("receiver", name), 0, null);
            DeliveryResult result;
            try {
                result = in.notifier().deliver(n);
            } catch (RuntimeException e) {
                result = DeliveryResult.permanent(in.key() + " failed: " + e.getClass().getSimpleName());
            }
            String error = r.redactor().redact(result.error());
            outbox.recordDelivered(in.key(), TEST_GROUP_KEY, NotificationKind.TEST.name(), payload(n), now, result.delivered(), error,
                    in.target());
            results.add(new TestResult(in.kind(), in.key(), in.target(), result.delivered(), error));
        }
        boolean delivered = !results.isEmpty() && results.stream().allMatch(TestResult::delivered);
        return Optional.of(new TestReport(name, delivered, List.copyOf(results)));
    }

    private static AlertSnapshot testAlert(String receiver, long now) {
        return new AlertSnapshot(0, TEST_FINGERPRINT, TEST_ALERT, SelfHost.NAME, Map.of("receiver", receiver), Map.of(), Severity.WARNING,
                AlertState.FIRING.wire(), null, null, null, null,
                "Test message from Vigil for the receiver \"" + receiver + "\": if you read this, the channel works. No alert is firing.",
                null, null, null, null, now, now, null, null, null);
    }

    private String payload(Notification n) {
        try {
            return json.writeValueAsString(n);
        } catch (IOException e) {
            return "{}";
        }
    }
}
