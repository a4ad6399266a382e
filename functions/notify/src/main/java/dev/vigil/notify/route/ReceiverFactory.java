package dev.vigil.notify.route;

import dev.vigil.notify.alertmanager.AlertmanagerNotifier;
import dev.vigil.notify.config.NotifyConfig;
import dev.vigil.notify.config.NotifyConfig.EmailConfig;
import dev.vigil.notify.config.NotifyConfig.Global;
import dev.vigil.notify.config.NotifyConfig.ReceiverConfig;
import dev.vigil.notify.config.ReceiverProperties;
import dev.vigil.notify.email.EmailNotifier;
import dev.vigil.notify.email.EmailTransports;
import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.slack.SlackNotifier;
import dev.vigil.notify.telegram.TelegramNotifier;
import dev.vigil.notify.webhook.WebhookNotifier;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds a config's receivers into integrations with their notifiers, redacted targets and secrets. */
@Singleton
public class ReceiverFactory {

    /** notify_outbox.receiver and notify_log.receiver are VARCHAR(64). */
    static final int MAX_KEY = 64;

    /** The receivers and every secret they were configured with (for the redactor). */
    public record Built(List<Receiver> receivers, List<String> secrets) {
    }

    private final EmailTransports transports;
    private final ReceiverProperties.Email emailDefaults;
    private final JsonPoster poster;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExternalUrl externalUrl;
    private final ReceiverProperties.Alertmanager alertmanager;

    public ReceiverFactory(EmailTransports transports, ReceiverProperties.Email emailDefaults, JsonPoster poster, ObjectMapper json,
                           Clock clock, ExternalUrl externalUrl, ReceiverProperties.Alertmanager alertmanager) {
        this.transports = transports;
        this.emailDefaults = emailDefaults;
        this.poster = poster;
        this.json = json;
        this.clock = clock;
        this.externalUrl = externalUrl;
        this.alertmanager = alertmanager;
    }

    public Built build(NotifyConfig config) {
        List<Receiver> receivers = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (ReceiverConfig rc : config.receivers()) {
            receivers.add(receiver(rc, config.global(), secrets));
        }
        return new Built(List.copyOf(receivers), List.copyOf(secrets));
    }

    private Receiver receiver(ReceiverConfig rc, Global global, List<String> secrets) {
        int count = rc.email().size() + rc.webhook().size() + rc.slack().size() + rc.telegram().size() + rc.alertmanager().size();
        List<Integration> out = new ArrayList<>();
        for (int i = 0; i < rc.email().size(); i++) {
            EmailConfig c = rc.email().get(i);
            String smarthost = c.smarthost() != null ? c.smarthost() : global.smtpSmarthost();
            String user = c.authUsername() != null ? c.authUsername() : global.smtpAuthUsername();
            String password = c.authPassword() != null ? c.authPassword() : global.smtpAuthPassword();
            Boolean tls = c.requireTls() != null ? c.requireTls() : global.smtpRequireTls();
            EmailTransports.Server server = transports.resolve(smarthost, user, password, tls);
            if (server.password() != null) {
                secrets.add(server.password());
            }
            String from = c.from() != null ? c.from() : global.smtpFrom() != null ? global.smtpFrom() : emailDefaults.getFrom();
            var transport = transports.transport(server);
            out.add(new Integration(key(rc.name(), "email", i, count), rc.name(), "email",
                    "to " + String.join(", ", c.to()) + (c.cc().isEmpty() ? "" : ", cc " + String.join(", ", c.cc())) + " via "
                            + transport.describe(),
                    new EmailNotifier(c.to(), c.cc(), from, transport, clock), c.sendResolved()));
        }
        for (int i = 0; i < rc.webhook().size(); i++) {
            var c = rc.webhook().get(i);
            URI uri = URI.create(c.url().trim());
            addUrlSecrets(uri, secrets);
            String key = key(rc.name(), "webhook", i, count);
            out.add(new Integration(key, rc.name(), "webhook", redact(uri),
                    new WebhookNotifier(rc.name(), uri, externalUrl::get, c.maxAlerts(), poster, json), c.sendResolved()));
        }
        for (int i = 0; i < rc.slack().size(); i++) {
            var c = rc.slack().get(i);
            URI uri = URI.create(c.apiUrl().trim());
            addUrlSecrets(uri, secrets);
            out.add(new Integration(key(rc.name(), "slack", i, count), rc.name(), "slack",
                    redact(uri) + (c.channel() == null ? "" : " " + c.channel()),
                    new SlackNotifier(uri, c.channel(), c.username(), poster, json, clock), c.sendResolved()));
        }
        for (int i = 0; i < rc.telegram().size(); i++) {
            var c = rc.telegram().get(i);
            secrets.add(c.botToken().trim());
            out.add(new Integration(key(rc.name(), "telegram", i, count), rc.name(), "telegram",
                    "chat " + c.chatId() + " via " + JsonPoster.origin(URI.create(c.apiUrl())),
                    new TelegramNotifier(c.apiUrl(), c.botToken().trim(), c.chatId().trim(), poster, json, clock), c.sendResolved()));
        }
        for (int i = 0; i < rc.alertmanager().size(); i++) {
            var c = rc.alertmanager().get(i);
            URI uri = URI.create(c.url().trim());
            addUrlSecrets(uri, secrets);
            out.add(new Integration(key(rc.name(), "alertmanager", i, count), rc.name(), "alertmanager", redact(uri),
                    new AlertmanagerNotifier(uri, externalUrl::get, poster, json, clock, alertmanager.getResendInterval()), c.sendResolved()));
        }
        return new Receiver(rc.name(), List.copyOf(out));
    }

    /** The receiver's name when it has one integration, else receiver/kind-n; hashed down to fit the columns. */
    static String key(String receiver, String kind, int index, int count) {
        String key = count == 1 ? receiver : receiver + "/" + kind + "-" + index;
        if (key.length() <= MAX_KEY) {
            return key;
        }
        return key.substring(0, MAX_KEY - 9) + "~" + sha(key).substring(0, 8);
    }

    /** Scheme, host and port; a path (webhook and Slack paths carry tokens) becomes "/***". */
    static String redact(URI uri) {
        String origin = JsonPoster.origin(uri);
        boolean hidden = (uri.getPath() != null && uri.getPath().length() > 1) || uri.getRawQuery() != null;
        return origin + (hidden ? "/***" : "");
    }

    private static void addUrlSecrets(URI uri, List<String> secrets) {
        if (uri.getPath() != null && uri.getPath().length() > 1) {
            secrets.add(uri.getPath());
        }
        if (uri.getRawQuery() != null) {
            secrets.add(uri.getRawQuery());
        }
        if (uri.getRawUserInfo() != null) {
            secrets.add(uri.getRawUserInfo());
        }
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
