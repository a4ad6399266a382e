package dev.vigil.notify.route;

import dev.vigil.notify.config.ReceiverProperties;
import dev.vigil.notify.email.EmailNotifier;
import dev.vigil.notify.email.EmailTransport;
import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.notifier.SecretRedactor;
import dev.vigil.notify.slack.SlackNotifier;
import dev.vigil.notify.telegram.TelegramNotifier;
import dev.vigil.notify.webhook.WebhookNotifier;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The receivers that are configured. Email always exists (SMTP or .eml files); the others need their URL or token. */
@Singleton
public class ReceiverRegistry {

    public static final String EMAIL = "email";
    public static final String ESCALATION_EMAIL = "escalation-email";
    public static final String SLACK = "slack";
    public static final String TELEGRAM = "telegram";
    /** In routes, "webhook" stands for every configured URL; each URL is its own receiver webhook-0, webhook-1, … */
    public static final String WEBHOOK = "webhook";

    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final SecretRedactor redactor;
    private final EmailTransport emailTransport;

    public ReceiverRegistry(ReceiverProperties.Email email, ReceiverProperties.Slack slack, ReceiverProperties.Telegram telegram,
                            ReceiverProperties.Webhook webhook, EmailTransport emailTransport, JsonPoster poster,
                            ObjectMapper json, Clock clock, SmtpSecrets smtpSecrets) {
        this.emailTransport = emailTransport;
        // Empty env values (SAM's defaults) arrive as blank entries: without a recipient there is no email receiver.
        List<String> to = nonBlank(email.getTo());
        if (!to.isEmpty()) {
            receivers.put(EMAIL, new Receiver(EMAIL,
                    new EmailNotifier(to, nonBlank(email.getCc()), email.getFrom(), emailTransport, clock), email.isSendResolved()));
        }
        List<String> escalationTo = nonBlank(email.getEscalationTo());
        if (!escalationTo.isEmpty()) {
            receivers.put(ESCALATION_EMAIL, new Receiver(ESCALATION_EMAIL,
                    new EmailNotifier(escalationTo, List.of(), email.getFrom(), emailTransport, clock), false));
        }
        List<String> secrets = new ArrayList<>(smtpSecrets.values());
        if (present(slack.getWebhookUrl())) {
            receivers.put(SLACK, new Receiver(SLACK,
                    new SlackNotifier(URI.create(slack.getWebhookUrl().trim()), poster, json, clock), slack.isSendResolved()));
            secrets.add(URI.create(slack.getWebhookUrl().trim()).getPath());
        }
        if (present(telegram.getBotToken()) && present(telegram.getChatId())) {
            receivers.put(TELEGRAM, new Receiver(TELEGRAM, new TelegramNotifier(telegram.getApiBaseUrl(), telegram.getBotToken().trim(),
                    telegram.getChatId().trim(), poster, json, clock), telegram.isSendResolved()));
            secrets.add(telegram.getBotToken().trim());
        }
        List<String> urls = nonBlank(webhook.getUrls());
        for (int i = 0; i < urls.size(); i++) {
            String name = WEBHOOK + "-" + i;
            URI uri = URI.create(urls.get(i).trim());
            receivers.put(name, new Receiver(name, new WebhookNotifier(name, uri, webhook.getExternalUrl(), poster, json),
                    webhook.isSendResolved()));
            if (uri.getPath() != null && uri.getPath().length() > 1) {
                secrets.add(uri.getPath());
            }
            if (uri.getRawQuery() != null) {
                secrets.add(uri.getRawQuery());
            }
        }
        this.redactor = new SecretRedactor(secrets);
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    public Optional<Receiver> get(String name) {
        return Optional.ofNullable(receivers.get(name));
    }

    public List<Receiver> all() {
        return List.copyOf(receivers.values());
    }

    /** Expands route names ("webhook" -> every webhook-N) and drops receivers that are not configured. */
    public List<Receiver> resolve(List<String> names) {
        List<Receiver> out = new ArrayList<>();
        for (String name : names) {
            if (WEBHOOK.equals(name)) {
                receivers.values().stream().filter(r -> r.name().startsWith(WEBHOOK + "-")).forEach(out::add);
            } else {
                get(name).ifPresent(out::add);
            }
        }
        return out.stream().distinct().toList();
    }

    /** After a delivery pass: connections kept open between its messages are closed (HTTP keep-alive expires by itself). */
    public void closeIdleConnections() {
        emailTransport.closeIdle();
    }

    public SecretRedactor redactor() {
        return redactor;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
