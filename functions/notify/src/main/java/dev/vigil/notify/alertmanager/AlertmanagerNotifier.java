package dev.vigil.notify.alertmanager;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import dev.vigil.notify.webhook.AlertmanagerWebhookPayload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pushes alerts to an Alertmanager's API v2 ({@code POST /api/v2/alerts}), as Prometheus does, so an
 * existing Alertmanager does the routing. As in Prometheus, a firing alert is pushed again every
 * {@link #keepAliveInterval()} with an end {@link #HOLD_INTERVALS} intervals ahead: Alertmanager
 * resolves an alert whose end passed, so it keeps the alert while Vigil keeps telling it and lets it
 * go a few minutes after Vigil falls silent. The resolution pushes the real end.
 */
public final class AlertmanagerNotifier implements Notifier {

    /** Prometheus keeps an alert valid for four resend delays: one or two missed pushes do not resolve it. */
    public static final int HOLD_INTERVALS = 4;

    @Serdeable
    public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
                                @Nullable String endsAt, String generatorURL) {
    }

    private final URI alertsUrl;
    private final Supplier<String> externalUrl;
    private final JsonPoster poster;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keepAlive;

    public AlertmanagerNotifier(URI baseUrl, Supplier<String> externalUrl, JsonPoster poster, ObjectMapper json, Clock clock,
                                Duration keepAlive) {
        String base = baseUrl.toString();
        this.alertsUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
        this.externalUrl = externalUrl;
        this.poster = poster;
        this.json = json;
        this.clock = clock;
        this.keepAlive = keepAlive;
    }

    @Override
    public Duration keepAliveInterval() {
        return keepAlive;
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        long now = clock.millis();
        List<PostableAlert> alerts = n.alerts().stream().map(a -> alert(a, now)).toList();
        try {
            return poster.post(alertsUrl, json.writeValueAsString(alerts));
        } catch (IOException e) {
            return DeliveryResult.permanent("cannot encode Alertmanager alerts: " + e.getClass().getSimpleName());
        }
    }

    private PostableAlert alert(AlertSnapshot a, long now) {
        long end = a.resolved() && a.endsAt() != null ? a.endsAt() : now + HOLD_INTERVALS * keepAlive.toMillis();
        return new PostableAlert(a.matchLabels(), AlertmanagerWebhookPayload.annotations(a), Instant.ofEpochMilli(a.firedAt()).toString(),
                Instant.ofEpochMilli(end).toString(), externalUrl.get() + "/#/alert/" + a.id());
    }
}
