package dev.vigil.notify.telegram;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import dev.vigil.notify.render.AlertText;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;

import static dev.vigil.notify.render.AlertText.html;

/** Telegram Bot API sendMessage with HTML parse mode. The bot token is in the URL path: never put the URL in an error. */
public final class TelegramNotifier implements Notifier {

    /** Telegram rejects longer texts; cut rather than lose the message. */
    static final int MAX_TEXT = 4000;

    @Serdeable
    public record SendMessage(String chat_id, String text, String parse_mode, boolean disable_web_page_preview) {
    }

    private final URI sendMessageUrl;
    private final String chatId;
    private final JsonPoster poster;
    private final ObjectMapper json;
    private final Clock clock;

    public TelegramNotifier(String apiBaseUrl, String botToken, String chatId, JsonPoster poster, ObjectMapper json, Clock clock) {
        String base = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        this.sendMessageUrl = URI.create(base + "/bot" + botToken + "/sendMessage");
        this.chatId = chatId;
        this.poster = poster;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        try {
            return poster.post(sendMessageUrl, json.writeValueAsString(message(n, chatId, clock.millis())));
        } catch (IOException e) {
            return DeliveryResult.permanent("cannot encode Telegram message: " + e.getClass().getSimpleName());
        }
    }

    static SendMessage message(Notification n, String chatId, long now) {
        String icon = n.resolved() ? "✅" : switch (n.severity()) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟠";
        };
        StringBuilder t = new StringBuilder();
        t.append(icon).append(" <b>").append(html(AlertText.title(n))).append("</b>\n");
        for (AlertSnapshot a : n.ordered()) {
            t.append("\n• <b>").append(html(a.rule())).append("</b> ").append(a.severity().lower()).append(": ")
                    .append(html(AlertText.value(a.rule(), a.value())))
                    .append(" (threshold ").append(html(AlertText.value(a.rule(), a.threshold()))).append(")\n  ")
                    .append(AlertText.when(a, n.kind()));
            if (a.summary() != null) {
                t.append("\n  ").append(html(a.summary()));
            }
            String prediction = AlertText.prediction(a, now);
            if (prediction != null) {
                t.append("\n  ").append(prediction);
            }
            if (AlertText.isWebLink(a.runbook())) {
                t.append("\n  <a href=\"").append(html(a.runbook().trim())).append("\">runbook</a>");
            }
        }
        String text = t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t.toString();
        return new SendMessage(chatId, text, "HTML", true);
    }
}
