package dev.vigil.notify.config;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.notify.config.NotifyConfig.EmailConfig;
import dev.vigil.notify.config.NotifyConfig.Global;
import dev.vigil.notify.config.NotifyConfig.InhibitRuleConfig;
import dev.vigil.notify.config.NotifyConfig.ReceiverConfig;
import dev.vigil.notify.config.NotifyConfig.RouteConfig;
import dev.vigil.notify.config.NotifyConfig.SeverityTimings;
import dev.vigil.core.rules.Severity;
import dev.vigil.notify.config.NotifyConfig.SlackConfig;
import dev.vigil.notify.config.NotifyConfig.TelegramConfig;
import dev.vigil.notify.config.NotifyConfig.WebhookConfig;
import dev.vigil.notify.route.LabelMatcher;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routing tree Vigil uses without a routing file, built from the {@code vigil.notify.*} settings
 * (contract section 5): one receiver per channel ("email", "slack", "telegram", "webhook-0", …, and
 * "escalation-email"); one route per receiver, fanning out with {@code continue}, matching the
 * severities it is listed for (by default email takes warning and critical, the chats and webhooks
 * critical only); group_by host, so a host's new alerts share one message per receiver; per
 * severity a group wait (critical shorter) and a repeat interval (critical 1 h, warning 12 h); and
 * the inhibit rule "a firing HostDown mutes its host's other alerts". The root's receiver "null"
 * has no integrations: an alert no route takes is dropped.
 */
@Singleton
public class DefaultNotifyConfig {

    public static final String EMAIL = "email";
    public static final String ESCALATION_EMAIL = "escalation-email";
    public static final String SLACK = "slack";
    public static final String TELEGRAM = "telegram";
    /** In the receiver lists, "webhook" stands for every configured URL: webhook-0, webhook-1, … */
    public static final String WEBHOOK = "webhook";
    /** The root's receiver when no email is configured: it has no integrations, so what only it would take is dropped. */
    public static final String NULL_RECEIVER = "null";
    /** Used when the rules cannot be read: the contract's inhibiting rule. */
    static final String HOST_DOWN = "HostDown";
    static final String HOST = "host";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultNotifyConfig.class);

    private final NotifyProperties properties;
    private final ReceiverProperties.Email email;
    private final ReceiverProperties.Slack slack;
    private final ReceiverProperties.Telegram telegram;
    private final ReceiverProperties.Webhook webhook;
    private final Environment env;
    private final BeanProvider<RuleSetProvider> rules;

    public DefaultNotifyConfig(NotifyProperties properties, ReceiverProperties.Email email, ReceiverProperties.Slack slack,
                               ReceiverProperties.Telegram telegram, ReceiverProperties.Webhook webhook, Environment env,
                               BeanProvider<RuleSetProvider> rules) {
        this.properties = properties;
        this.email = email;
        this.slack = slack;
        this.telegram = telegram;
        this.webhook = webhook;
        this.env = env;
        this.rules = rules;
    }

    public NotifyConfig build() {
        Map<String, ReceiverConfig> receivers = new LinkedHashMap<>();
        List<String> to = nonBlank(email.getTo());
        if (!to.isEmpty()) {
            receivers.put(EMAIL, receiver(EMAIL, List.of(new EmailConfig(to, nonBlank(email.getCc()), email.getFrom(), null, null, null,
                    null, email.isSendResolved())), List.of(), List.of(), List.of()));
        }
        List<String> escalationTo = nonBlank(email.getEscalationTo());
        if (!escalationTo.isEmpty()) {
            receivers.put(ESCALATION_EMAIL, receiver(ESCALATION_EMAIL, List.of(new EmailConfig(escalationTo, List.of(), email.getFrom(),
                    null, null, null, null, false)), List.of(), List.of(), List.of()));
        }
        // Ingest's application.yml does not map VIGIL_SLACK_*/VIGIL_TELEGRAM_*: read the env names too.
        String slackUrl = present(slack.getWebhookUrl()).or(() -> property("vigil.slack.webhook-url")).orElse(null);
        if (slackUrl != null) {
            receivers.put(SLACK, receiver(SLACK, List.of(), List.of(), List.of(new SlackConfig(slackUrl, null, null, slack.isSendResolved())),
                    List.of()));
        }
        String botToken = present(telegram.getBotToken()).or(() -> property("vigil.telegram.bot-token")).orElse(null);
        String chatId = present(telegram.getChatId()).or(() -> property("vigil.telegram.chat-id")).orElse(null);
        if (botToken != null && chatId != null) {
            receivers.put(TELEGRAM, receiver(TELEGRAM, List.of(), List.of(), List.of(),
                    List.of(new TelegramConfig(telegram.getApiBaseUrl(), botToken, chatId, telegram.isSendResolved()))));
        }
        List<String> urls = nonBlank(webhook.getUrls());
        for (int i = 0; i < urls.size(); i++) {
            String name = WEBHOOK + "-" + i;
            receivers.put(name, receiver(name, List.of(), List.of(new WebhookConfig(urls.get(i), webhook.isSendResolved(), 0)), List.of(),
                    List.of()));
        }
        receivers.put(NULL_RECEIVER, receiver(NULL_RECEIVER, List.of(), List.of(), List.of(), List.of()));
        List<String> critical = expand(properties.getCriticalReceivers(), receivers);
        List<String> warning = expand(properties.getWarningReceivers(), receivers);
        Map<Severity, SeverityTimings> timings = Map.of(
                Severity.CRITICAL, new SeverityTimings(properties.getCriticalGroupWait(), properties.getRepeatCritical()),
                Severity.WARNING, new SeverityTimings(properties.getGroupWait(), properties.getRepeatWarning()));
        List<RouteConfig> routes = new ArrayList<>();
        for (String name : java.util.stream.Stream.concat(critical.stream(), warning.stream()).distinct().toList()) {
            List<String> severities = java.util.stream.Stream.of("critical", "warning")
                    .filter(s -> s.equals("critical") ? critical.contains(name) : warning.contains(name)).toList();
            LabelMatcher matcher = severities.size() == 1 ? LabelMatcher.equal("severity", severities.get(0))
                    : LabelMatcher.of("severity", LabelMatcher.Op.REGEX, String.join("|", severities));
            routes.add(new RouteConfig(name, List.of(matcher), true, null, null, null, null, List.of(), List.of(), List.of(), timings));
        }
        RouteConfig root = new RouteConfig(NULL_RECEIVER, List.of(), false, List.of(HOST), properties.getGroupWait(),
                properties.getGroupInterval(), properties.getRepeatWarning(), List.of(), List.of(), List.copyOf(routes), timings);
        return new NotifyConfig(Global.EMPTY, root, List.copyOf(receivers.values()), List.of(hostDownInhibition()), Map.of(),
                "settings vigil.notify.* (no routing file)");
    }

    /** While an inhibiting rule (HostDown, or an operator rule with inhibits-host) fires for a host, its other alerts are muted. */
    InhibitRuleConfig hostDownInhibition() {
        List<String> names = inhibitingRules();
        String alternatives = String.join("|", names.stream().map(Pattern::quote).toList());
        return new InhibitRuleConfig(List.of(LabelMatcher.of("alertname", LabelMatcher.Op.REGEX, alternatives)),
                List.of(LabelMatcher.of("alertname", LabelMatcher.Op.NOT_REGEX, alternatives)), List.of(HOST));
    }

    private List<String> inhibitingRules() {
        try {
            List<String> names = rules.get().fileRules().rules().stream().filter(Rule::inhibitsHost).map(Rule::name).toList();
            return names.isEmpty() ? List.of(HOST_DOWN) : names;
        } catch (RuntimeException e) {
            LOG.warn("cannot read the rules for the HostDown inhibition, using {}: {}", HOST_DOWN, e.toString());
            return List.of(HOST_DOWN);
        }
    }

    /** Route names to receivers that exist: "webhook" expands to every webhook-N, unconfigured channels are skipped. */
    private static List<String> expand(List<String> names, Map<String, ReceiverConfig> receivers) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (WEBHOOK.equals(name)) {
                receivers.keySet().stream().filter(r -> r.startsWith(WEBHOOK + "-")).forEach(out::add);
            } else if (receivers.containsKey(name)) {
                out.add(name);
            }
        }
        return out.stream().distinct().toList();
    }

    private static ReceiverConfig receiver(String name, List<EmailConfig> email, List<WebhookConfig> webhooks, List<SlackConfig> slack,
                                           List<TelegramConfig> telegram) {
        return new ReceiverConfig(name, email, webhooks, slack, telegram);
    }

    private Optional<String> property(String name) {
        return env.getProperty(name, String.class).flatMap(DefaultNotifyConfig::present);
    }

    private static Optional<String> present(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }
}
