package dev.vigil.notify.config;

import dev.vigil.core.rules.Severity;
import dev.vigil.notify.route.LabelMatcher;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What notify routes by: the subset of Alertmanager's {@code alertmanager.yml} Vigil understands,
 * either parsed from {@code vigil.notify.config-file} or built from the env settings.
 *
 * @param source where it came from, for messages ("defaults from vigil.notify.*" or the file path)
 */
public record NotifyConfig(Global global, RouteConfig route, List<ReceiverConfig> receivers, List<InhibitRuleConfig> inhibitRules,
                           Map<String, List<TimeInterval>> timeIntervals, String source) {

    /** Alertmanager's {@code global}: SMTP defaults for every email config (null where the file is silent). */
    public record Global(@Nullable String smtpSmarthost, @Nullable String smtpFrom, @Nullable String smtpAuthUsername,
                         @Nullable String smtpAuthPassword, @Nullable Boolean smtpRequireTls, @Nullable Duration resolveTimeout,
                         @Nullable String slackApiUrl, @Nullable String telegramApiUrl) {
        public static final Global EMPTY = new Global(null, null, null, null, null, null, null, null);
    }

    /**
     * One node of the route tree as written; unset timings and group_by are inherited from the parent.
     *
     * @param groupBy null when not set (inherit); {@code ["..."]} groups by every label
     * @param bySeverity Vigil's own, only in the tree built without a file: group wait and repeat
     *                   interval per severity on one route, so a host's warning and critical alerts
     *                   still share one email while critical ones go out sooner and repeat hourly
     */
    public record RouteConfig(@Nullable String receiver, List<LabelMatcher> matchers, boolean continueMatching,
                              @Nullable List<String> groupBy, @Nullable Duration groupWait, @Nullable Duration groupInterval,
                              @Nullable Duration repeatInterval, List<String> muteTimeIntervals, List<String> activeTimeIntervals,
                              List<RouteConfig> routes, Map<Severity, SeverityTimings> bySeverity) {

        public RouteConfig(@Nullable String receiver, List<LabelMatcher> matchers, boolean continueMatching,
                           @Nullable List<String> groupBy, @Nullable Duration groupWait, @Nullable Duration groupInterval,
                           @Nullable Duration repeatInterval, List<String> muteTimeIntervals, List<String> activeTimeIntervals,
                           List<RouteConfig> routes) {
            this(receiver, matchers, continueMatching, groupBy, groupWait, groupInterval, repeatInterval, muteTimeIntervals,
                    activeTimeIntervals, routes, Map.of());
        }
    }

    /** Group wait and repeat interval for alerts of one severity on a route (see {@link RouteConfig#bySeverity}). */
    public record SeverityTimings(Duration groupWait, Duration repeatInterval) {
    }

    /** @param alertmanager Vigil's own kind: Alertmanagers whose API v2 gets the alerts pushed */
    public record ReceiverConfig(String name, List<EmailConfig> email, List<WebhookConfig> webhook, List<SlackConfig> slack,
                                 List<TelegramConfig> telegram, List<AlertmanagerConfig> alertmanager) {

        public ReceiverConfig(String name, List<EmailConfig> email, List<WebhookConfig> webhook, List<SlackConfig> slack,
                              List<TelegramConfig> telegram) {
            this(name, email, webhook, slack, telegram, List.of());
        }
    }

    public record AlertmanagerConfig(String url, boolean sendResolved) {
    }

    /** Alertmanager's email_configs; unset SMTP fields come from {@link Global}, then from the env settings. */
    public record EmailConfig(List<String> to, List<String> cc, @Nullable String from, @Nullable String smarthost,
                              @Nullable String authUsername, @Nullable String authPassword, @Nullable Boolean requireTls,
                              boolean sendResolved) {
    }

    public record WebhookConfig(String url, boolean sendResolved, int maxAlerts) {
    }

    public record SlackConfig(String apiUrl, @Nullable String channel, @Nullable String username, boolean sendResolved) {
    }

    public record TelegramConfig(String apiUrl, String botToken, String chatId, boolean sendResolved) {
    }

    public record InhibitRuleConfig(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, List<String> equal) {
    }
}
