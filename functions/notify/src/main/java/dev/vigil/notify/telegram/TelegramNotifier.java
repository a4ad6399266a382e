package dev.vigil.notify.telegram;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import dev.vigil.notify.render.MessageText;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import static dev.vigil.notify.render.MessageText.html;

/** Telegram Bot API sendMessage with HTML parse mode. The bot token is in the URL path: never put the URL in an error. */
public final class TelegramNotifier implements Notifier {

    /** Telegram rejects texts over 4096 characters; stay below it with room for the "… and N more" line. */
    static final int MAX_TEXT = 4000;
    /** One host-supplied field (summary, rule) may not crowd out the other alerts. */
    static final int MAX_FIELD = 500;

    @Serdeable
    public record SendMessage(String chat_id, String text, @io.micronaut.core.annotation.Nullable String parse_mode,
                              boolean disable_web_page_preview) {
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
        String icon = n.kind() == NotificationKind.TEST ? "🧪" : n.resolved() ? "✅" : switch (n.severity()) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟠";
            case INFO -> "🔵";
        };
        // Cut plain text, then escape: a cut never lands inside a tag or an entity.
        String head = icon + " <b>" + html(cut(MessageText.title(n), MAX_FIELD)) + "</b>\n";
        List<AlertSnapshot> alerts = n.ordered();
        StringBuilder t = new StringBuilder(head);
        String link = MessageText.isWebLink(n.alertsUrl()) && n.alertsUrl().length() <= MAX_FIELD
                ? "\n<a href=\"" + html(n.alertsUrl()) + "\">all alerts</a>" : "";
        for (int i = 0; i < alerts.size(); i++) {
            String block = block(alerts.get(i), n, now);
            int more = alerts.size() - i - 1 + n.truncated();
            String moreLine = more == 0 ? "" : "\n\n… and " + more + " more";
            if (t.length() + block.length() + moreLine.length() > MAX_TEXT) {
                if (i == 0) {
                    return plain(n, chatId, now);
                }
                t.append("\n\n… and ").append(alerts.size() - i + n.truncated()).append(" more").append(link);
                return new SendMessage(chatId, t.toString(), "HTML", true);
            }
            t.append(block);
        }
        if (n.truncated() > 0) {
            t.append("\n\n… and ").append(n.truncated()).append(" more").append(link);
        }
        return new SendMessage(chatId, t.toString(), "HTML", true);
    }

    /** One alert as complete HTML: every field is cut as plain text first. */
    private static String block(AlertSnapshot a, Notification n, long now) {
        StringBuilder t = new StringBuilder();
        t.append("\n• <b>").append(html(cut(a.rule(), MAX_FIELD))).append("</b> ").append(a.severity().wire());
        String value = n.resolved() ? MessageText.resolution(a) : MessageText.valueWithThreshold(a);
        if (value != null) {
            t.append(": ").append(html(cut(value, MAX_FIELD)));
        }
        t.append("\n  ").append(MessageText.when(a, n.kind()));
        if (a.summary() != null) {
            t.append("\n  ").append(html(cut(a.summary(), MAX_FIELD)));
        }
        String prediction = MessageText.prediction(a, now);
        if (prediction != null) {
            t.append("\n  ").append(prediction);
        }
        String runbook = MessageText.runbookLink(a);
        if (runbook != null && runbook.length() <= MAX_FIELD) {
            t.append("\n  <a href=\"").append(html(runbook)).append("\">runbook</a>");
        }
        return t.toString();
    }

    /** Last resort when even one alert does not fit as HTML: the same words without markup, cut. */
    private static SendMessage plain(Notification n, String chatId, long now) {
        StringBuilder t = new StringBuilder(MessageText.title(n)).append('\n');
        for (AlertSnapshot a : n.ordered()) {
            String value = MessageText.valueWithThreshold(a);
            t.append("\n• ").append(a.rule()).append(' ').append(a.severity().wire()).append(value == null ? "" : ": " + value).append('\n');
            if (a.summary() != null) {
                t.append("  ").append(a.summary()).append('\n');
            }
        }
        return new SendMessage(chatId, cut(t.toString(), MAX_TEXT), null, true);
    }

    /** At most {@code max} chars, ending in "…" when cut, never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
