package dev.vigil.notify.slack;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import io.micronaut.core.annotation.Nullable;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.Notifier;
import dev.vigil.notify.render.MessageText;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** A Slack incoming-webhook message, one attachment coloured by severity (green when resolved). */
public final class SlackNotifier implements Notifier {

    static final String CRITICAL_COLOUR = "#d50000";
    static final String WARNING_COLOUR = "#ff9800";
    static final String RESOLVED_COLOUR = "#2eb886";
    static final String TEST_COLOUR = "#439fe0";

    @Serdeable
    public record SlackMessage(String text, List<Attachment> attachments, @Nullable String channel, @Nullable String username) {
    }

    @Serdeable
    public record Attachment(String color, String title, String text, String fallback) {
    }

    private final URI webhookUrl;
    @Nullable
    private final String channel;
    @Nullable
    private final String username;
    private final JsonPoster poster;
    private final ObjectMapper json;
    private final Clock clock;

    public SlackNotifier(URI webhookUrl, JsonPoster poster, ObjectMapper json, Clock clock) {
        this(webhookUrl, null, null, poster, json, clock);
    }

    public SlackNotifier(URI webhookUrl, @Nullable String channel, @Nullable String username, JsonPoster poster, ObjectMapper json,
                         Clock clock) {
        this.webhookUrl = webhookUrl;
        this.channel = channel;
        this.username = username;
        this.poster = poster;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        try {
            return poster.post(webhookUrl, json.writeValueAsString(message(n, clock.millis(), channel, username)));
        } catch (IOException e) {
            return DeliveryResult.permanent("cannot encode Slack message: " + e.getClass().getSimpleName());
        }
    }

    static SlackMessage message(Notification n, long now) {
        return message(n, now, null, null);
    }

    static SlackMessage message(Notification n, long now, @Nullable String channel, @Nullable String username) {
        String title = escape(MessageText.title(n));
        StringBuilder body = new StringBuilder();
        for (AlertSnapshot a : n.ordered()) {
            body.append("• *").append(escape(a.rule())).append("* ").append(a.severity().wire());
            String value = n.resolved() ? MessageText.resolution(a) : MessageText.valueWithThreshold(a);
            if (value != null) {
                body.append(": ").append(escape(value));
            }
            body.append(", ").append(MessageText.when(a, n.kind()));
            if (a.summary() != null) {
                body.append("\n   ").append(escape(a.summary()));
            }
            String prediction = MessageText.prediction(a, now);
            if (prediction != null) {
                body.append("\n   ").append(prediction);
            }
            String runbook = MessageText.runbookLink(a);
            if (runbook != null) {
                body.append("\n   <").append(escape(runbook)).append("|runbook>");
            }
            body.append('\n');
        }
        String more = MessageText.more(n);
        if (more != null) {
            body.append(escape(more)).append('\n');
        }
        String colour = n.kind() == NotificationKind.TEST ? TEST_COLOUR : n.resolved() ? RESOLVED_COLOUR : switch (n.severity()) {
            case CRITICAL -> CRITICAL_COLOUR;
            case WARNING -> WARNING_COLOUR;
            case INFO -> TEST_COLOUR;
        };
        return new SlackMessage(title, List.of(new Attachment(colour, title, body.toString().strip(), title)), channel, username);
    }

    /** Slack's mrkdwn control characters: host text must not become links or mentions. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
