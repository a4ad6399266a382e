package dev.vigil.notify.webhook;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/** POSTs the Alertmanager webhook payload to one URL. */
public final class WebhookNotifier implements Notifier {

    private final String receiver;
    private final URI url;
    private final Supplier<String> externalUrl;
    private final int maxAlerts;
    private final JsonPoster poster;
    private final ObjectMapper json;

    public WebhookNotifier(String receiver, URI url, String externalUrl, JsonPoster poster, ObjectMapper json) {
        this(receiver, url, () -> externalUrl, 0, poster, json);
    }

    /** @param externalUrl asked at each delivery: the app's URL is known only once its server started */
    public WebhookNotifier(String receiver, URI url, Supplier<String> externalUrl, int maxAlerts, JsonPoster poster, ObjectMapper json) {
        this.receiver = receiver;
        this.url = url;
        this.externalUrl = externalUrl;
        this.maxAlerts = maxAlerts;
        this.poster = poster;
        this.json = json;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        try {
            return poster.post(url, json.writeValueAsString(AlertmanagerWebhookPayload.of(notification, receiver, externalUrl.get(), maxAlerts)));
        } catch (IOException e) {
            return DeliveryResult.permanent("cannot encode webhook payload: " + e.getClass().getSimpleName());
        }
    }
}
