package dev.vigil.notify.config;

import dev.vigil.notify.config.NotifyConfig.EmailConfig;
import dev.vigil.notify.config.NotifyConfig.Global;
import dev.vigil.notify.config.NotifyConfig.InhibitRuleConfig;
import dev.vigil.notify.config.NotifyConfig.ReceiverConfig;
import dev.vigil.notify.config.NotifyConfig.RouteConfig;
import dev.vigil.notify.config.NotifyConfig.SlackConfig;
import dev.vigil.notify.config.NotifyConfig.TelegramConfig;
import dev.vigil.notify.config.NotifyConfig.WebhookConfig;
import dev.vigil.notify.route.LabelMatcher;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the part of Alertmanager's {@code alertmanager.yml} Vigil supports, through SnakeYAML's node
 * API so every refusal names its line and key. Keys Alertmanager knows but Vigil does not honour
 * (templates, http_config, …) are refused as clearly as typos: silently ignoring them would route
 * differently from what the operator wrote.
 */
public final class AlertmanagerConfigParser {

    /** Alertmanager's defaults per integration: chat and webhook send resolutions, email does not. */
    static final boolean EMAIL_SEND_RESOLVED = false;
    static final boolean WEBHOOK_SEND_RESOLVED = true;
    static final boolean SLACK_SEND_RESOLVED = false;
    static final boolean TELEGRAM_SEND_RESOLVED = true;
    static final String TELEGRAM_API_URL = ReceiverProperties.Telegram.DEFAULT_API_BASE_URL;

    private static final Pattern DURATION = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final Pattern TIME = Pattern.compile("^(\\d{1,2}):(\\d{2})$");
    private static final List<String> WEEKDAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december");

    private final String source;

    private AlertmanagerConfigParser(String source) {
        this.source = source;
    }

    /** @throws NotifyConfigException naming the source, line and key of the first problem */
    public static NotifyConfig parse(String yaml, String source) {
        return new AlertmanagerConfigParser(source).parse(yaml);
    }

    private NotifyConfig parse(String yaml) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new NotifyConfigException(source + ": line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new NotifyConfigException(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new NotifyConfigException(source + ": the file is empty (it needs at least route and receivers)");
        }
        Map<String, Node> top = mapping(root, "the top level",
                Set.of("global", "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "templates"));
        Global global = top.containsKey("global") ? global(top.get("global")) : Global.EMPTY;
        if (top.containsKey("templates") && !sequence(top.get("templates"), "templates").isEmpty()) {
            throw error(top.get("templates"), "templates", "Go templates are not supported: Vigil renders its own messages");
        }
        Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
        for (String key : List.of("time_intervals", "mute_time_intervals")) {
            if (top.containsKey(key)) {
                for (Node n : sequence(top.get(key), key)) {
                    Map<String, Node> m = mapping(n, key, Set.of("name", "time_intervals"));
                    String name = requiredString(m, n, "name", key);
                    List<TimeInterval> entries = new ArrayList<>();
                    if (m.containsKey("time_intervals")) {
                        for (Node entry : sequence(m.get("time_intervals"), "time_intervals")) {
                            entries.add(timeInterval(entry));
                        }
                    }
                    if (intervals.put(name, entries) != null) {
                        throw error(n, "name", "time interval '" + name + "' is defined twice");
                    }
                }
            }
        }
        if (!top.containsKey("receivers")) {
            throw error(root, "receivers", "missing: at least one receiver is needed");
        }
        List<ReceiverConfig> receivers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node n : sequence(top.get("receivers"), "receivers")) {
            ReceiverConfig r = receiver(n, global);
            if (!names.add(r.name())) {
                throw error(n, "name", "receiver '" + r.name() + "' is defined twice");
            }
            receivers.add(r);
        }
        if (!top.containsKey("route")) {
            throw error(root, "route", "missing: the root route is needed");
        }
        RouteConfig route = route(top.get("route"), true, names, intervals.keySet());
        List<InhibitRuleConfig> inhibit = new ArrayList<>();
        if (top.containsKey("inhibit_rules")) {
            for (Node n : sequence(top.get("inhibit_rules"), "inhibit_rules")) {
                inhibit.add(inhibitRule(n));
            }
        }
        return new NotifyConfig(global, route, List.copyOf(receivers), List.copyOf(inhibit), Map.copyOf(intervals), source);
    }

    private Global global(Node node) {
        Map<String, Node> m = mapping(node, "global", Set.of("smtp_smarthost", "smtp_from", "smtp_auth_username", "smtp_auth_password",
                "smtp_require_tls", "resolve_timeout", "slack_api_url", "telegram_api_url", "smtp_hello"));
        String smarthost = optionalString(m, "smtp_smarthost");
        if (smarthost != null) {
            smarthost(m.get("smtp_smarthost"), "smtp_smarthost", smarthost);
        }
        String slack = optionalString(m, "slack_api_url");
        if (slack != null) {
            url(m.get("slack_api_url"), "slack_api_url", slack);
        }
        String telegram = optionalString(m, "telegram_api_url");
        if (telegram != null) {
            url(m.get("telegram_api_url"), "telegram_api_url", telegram);
        }
        return new Global(smarthost, optionalString(m, "smtp_from"), optionalString(m, "smtp_auth_username"),
                optionalString(m, "smtp_auth_password"), optionalBoolean(m, "smtp_require_tls"), optionalDuration(m, "resolve_timeout"),
                slack, telegram);
    }

    private RouteConfig route(Node node, boolean root, Set<String> receivers, Set<String> intervals) {
        String what = root ? "route" : "routes";
        Map<String, Node> m = mapping(node, what, Set.of("receiver", "group_by", "continue", "matchers", "match", "match_re", "group_wait",
                "group_interval", "repeat_interval", "mute_time_intervals", "active_time_intervals", "routes"));
        String receiver = optionalString(m, "receiver");
        if (root && receiver == null) {
            throw error(node, "receiver", "the root route needs a receiver");
        }
        if (receiver != null && !receivers.contains(receiver)) {
            throw error(m.get("receiver"), "receiver", "unknown receiver '" + receiver + "' (defined: " + String.join(", ", receivers) + ")");
        }
        if (root && (m.containsKey("matchers") || m.containsKey("match") || m.containsKey("match_re"))) {
            throw error(node, "matchers", "the root route matches every alert and may not have matchers");
        }
        if (root && m.containsKey("continue")) {
            throw error(m.get("continue"), "continue", "the root route cannot have continue");
        }
        List<LabelMatcher> matchers = new ArrayList<>(matchers(m, "matchers"));
        if (m.containsKey("match")) {
            mapping(m.get("match"), "match", null).forEach((k, v) -> matchers.add(LabelMatcher.equal(k, scalar(v, k))));
        }
        if (m.containsKey("match_re")) {
            for (Map.Entry<String, Node> e : mapping(m.get("match_re"), "match_re", null).entrySet()) {
                matchers.add(matcher(e.getValue(), "match_re", () -> LabelMatcher.of(e.getKey(), LabelMatcher.Op.REGEX, scalar(e.getValue(), e.getKey()))));
            }
        }
        List<String> groupBy = m.containsKey("group_by") ? strings(m.get("group_by"), "group_by") : null;
        if (groupBy != null && groupBy.contains("...") && groupBy.size() > 1) {
            throw error(m.get("group_by"), "group_by", "'...' groups by every label and cannot be combined with other labels");
        }
        List<String> mute = m.containsKey("mute_time_intervals") ? strings(m.get("mute_time_intervals"), "mute_time_intervals") : List.of();
        List<String> active = m.containsKey("active_time_intervals") ? strings(m.get("active_time_intervals"), "active_time_intervals") : List.of();
        for (String name : concat(mute, active)) {
            if (!intervals.contains(name)) {
                throw error(m.getOrDefault("mute_time_intervals", m.get("active_time_intervals")), "mute_time_intervals",
                        "unknown time interval '" + name + "'");
            }
        }
        Duration groupWait = optionalDuration(m, "group_wait");
        Duration groupInterval = optionalDuration(m, "group_interval");
        Duration repeatInterval = optionalDuration(m, "repeat_interval");
        if (groupInterval != null && groupInterval.isZero()) {
            throw error(m.get("group_interval"), "group_interval", "must be greater than 0");
        }
        if (repeatInterval != null && repeatInterval.isZero()) {
            throw error(m.get("repeat_interval"), "repeat_interval", "must be greater than 0");
        }
        List<RouteConfig> children = new ArrayList<>();
        if (m.containsKey("routes")) {
            for (Node child : sequence(m.get("routes"), "routes")) {
                children.add(route(child, false, receivers, intervals));
            }
        }
        return new RouteConfig(receiver, List.copyOf(matchers), !root && optionalBoolean(m, "continue") == Boolean.TRUE, groupBy,
                groupWait, groupInterval, repeatInterval, mute, active, List.copyOf(children));
    }

    private ReceiverConfig receiver(Node node, Global global) {
        Map<String, Node> m = mapping(node, "receivers", Set.of("name", "email_configs", "webhook_configs", "slack_configs", "telegram_configs",
                "alertmanager_configs"));
        String name = requiredString(m, node, "name", "receivers");
        List<EmailConfig> email = new ArrayList<>();
        List<WebhookConfig> webhook = new ArrayList<>();
        List<SlackConfig> slack = new ArrayList<>();
        List<TelegramConfig> telegram = new ArrayList<>();
        for (Node n : m.containsKey("email_configs") ? sequence(m.get("email_configs"), "email_configs") : List.<Node>of()) {
            Map<String, Node> c = mapping(n, "email_configs", Set.of("to", "cc", "from", "smarthost", "auth_username", "auth_password",
                    "require_tls", "send_resolved"));
            List<String> to = addresses(requiredString(c, n, "to", "email_configs"));
            String smarthost = optionalString(c, "smarthost");
            if (smarthost != null) {
                smarthost(c.get("smarthost"), "smarthost", smarthost);
            }
            email.add(new EmailConfig(to, c.containsKey("cc") ? addresses(scalar(c.get("cc"), "cc")) : List.of(), optionalString(c, "from"),
                    smarthost, optionalString(c, "auth_username"), optionalString(c, "auth_password"), optionalBoolean(c, "require_tls"),
                    flag(c, "send_resolved", EMAIL_SEND_RESOLVED)));
        }
        for (Node n : m.containsKey("webhook_configs") ? sequence(m.get("webhook_configs"), "webhook_configs") : List.<Node>of()) {
            Map<String, Node> c = mapping(n, "webhook_configs", Set.of("url", "send_resolved", "max_alerts"));
            String url = url(c.get("url"), "url", requiredString(c, n, "url", "webhook_configs"));
            int maxAlerts = c.containsKey("max_alerts") ? integer(c.get("max_alerts"), "max_alerts") : 0;
            webhook.add(new WebhookConfig(url, flag(c, "send_resolved", WEBHOOK_SEND_RESOLVED), maxAlerts));
        }
        for (Node n : m.containsKey("slack_configs") ? sequence(m.get("slack_configs"), "slack_configs") : List.<Node>of()) {
            Map<String, Node> c = mapping(n, "slack_configs", Set.of("api_url", "channel", "username", "send_resolved"));
            String url = optionalString(c, "api_url");
            if (url == null && global.slackApiUrl() == null) {
                throw error(n, "api_url", "missing (and no global slack_api_url)");
            }
            slack.add(new SlackConfig(url == null ? global.slackApiUrl() : url(c.get("api_url"), "api_url", url), optionalString(c, "channel"),
                    optionalString(c, "username"), flag(c, "send_resolved", SLACK_SEND_RESOLVED)));
        }
        for (Node n : m.containsKey("telegram_configs") ? sequence(m.get("telegram_configs"), "telegram_configs") : List.<Node>of()) {
            Map<String, Node> c = mapping(n, "telegram_configs", Set.of("api_url", "bot_token", "chat_id", "send_resolved", "parse_mode"));
            String parseMode = optionalString(c, "parse_mode");
            if (parseMode != null && !parseMode.equals("HTML")) {
                throw error(c.get("parse_mode"), "parse_mode", "only HTML is supported (Vigil escapes host values for it)");
            }
            String api = optionalString(c, "api_url");
            String base = api != null ? url(c.get("api_url"), "api_url", api) : global.telegramApiUrl() != null ? global.telegramApiUrl() : TELEGRAM_API_URL;
            telegram.add(new TelegramConfig(base, requiredString(c, n, "bot_token", "telegram_configs"),
                    requiredString(c, n, "chat_id", "telegram_configs"), flag(c, "send_resolved", TELEGRAM_SEND_RESOLVED)));
        }
        List<NotifyConfig.AlertmanagerConfig> alertmanagers = new ArrayList<>();
        for (Node n : m.containsKey("alertmanager_configs") ? sequence(m.get("alertmanager_configs"), "alertmanager_configs") : List.<Node>of()) {
            Map<String, Node> c = mapping(n, "alertmanager_configs", Set.of("url", "send_resolved"));
            String url = url(c.get("url"), "url", requiredString(c, n, "url", "alertmanager_configs"));
            // An Alertmanager must hear the end, or it keeps the alert until its end time.
            alertmanagers.add(new NotifyConfig.AlertmanagerConfig(url, flag(c, "send_resolved", true)));
        }
        return new ReceiverConfig(name, List.copyOf(email), List.copyOf(webhook), List.copyOf(slack), List.copyOf(telegram),
                List.copyOf(alertmanagers));
    }

    private InhibitRuleConfig inhibitRule(Node node) {
        Map<String, Node> m = mapping(node, "inhibit_rules", Set.of("source_matchers", "target_matchers", "equal", "source_match",
                "source_match_re", "target_match", "target_match_re"));
        List<LabelMatcher> source = new ArrayList<>(matchers(m, "source_matchers"));
        List<LabelMatcher> target = new ArrayList<>(matchers(m, "target_matchers"));
        legacy(m, "source_match", "source_match_re", source);
        legacy(m, "target_match", "target_match_re", target);
        if (source.isEmpty() || target.isEmpty()) {
            throw error(node, source.isEmpty() ? "source_matchers" : "target_matchers",
                    "an inhibit rule needs source and target matchers (an empty list would match every alert)");
        }
        return new InhibitRuleConfig(List.copyOf(source), List.copyOf(target),
                m.containsKey("equal") ? strings(m.get("equal"), "equal") : List.of());
    }

    private void legacy(Map<String, Node> m, String exactKey, String regexKey, List<LabelMatcher> into) {
        if (m.containsKey(exactKey)) {
            mapping(m.get(exactKey), exactKey, null).forEach((k, v) -> into.add(LabelMatcher.equal(k, scalar(v, k))));
        }
        if (m.containsKey(regexKey)) {
            for (Map.Entry<String, Node> e : mapping(m.get(regexKey), regexKey, null).entrySet()) {
                into.add(matcher(e.getValue(), regexKey, () -> LabelMatcher.of(e.getKey(), LabelMatcher.Op.REGEX, scalar(e.getValue(), e.getKey()))));
            }
        }
    }

    private TimeInterval timeInterval(Node node) {
        Map<String, Node> m = mapping(node, "time_intervals", Set.of("times", "weekdays", "days_of_month", "months", "years", "location"));
        List<TimeInterval.Range> times = new ArrayList<>();
        if (m.containsKey("times")) {
            for (Node t : sequence(m.get("times"), "times")) {
                Map<String, Node> tm = mapping(t, "times", Set.of("start_time", "end_time"));
                int start = minuteOfDay(tm.get("start_time"), requiredString(tm, t, "start_time", "times"));
                int end = minuteOfDay(tm.get("end_time"), requiredString(tm, t, "end_time", "times"));
                if (end <= start) {
                    throw error(t, "end_time", "must be after start_time");
                }
                times.add(new TimeInterval.Range(start, end));
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        String location = optionalString(m, "location");
        if (location != null) {
            try {
                zone = location.equalsIgnoreCase("local") ? ZoneId.systemDefault() : ZoneId.of(location);
            } catch (DateTimeException e) {
                throw error(m.get("location"), "location", "unknown time zone '" + location + "'");
            }
        }
        return new TimeInterval(times, ranges(m, "weekdays", WEEKDAYS, 0), ranges(m, "days_of_month", null, 0),
                ranges(m, "months", MONTHS, 1), ranges(m, "years", null, 0), zone);
    }

    /** "monday:friday", "saturday", "1:5", "-1"; names are looked up in {@code names} (index + offset). */
    private List<TimeInterval.Range> ranges(Map<String, Node> m, String key, List<String> names, int offset) {
        if (!m.containsKey(key)) {
            return List.of();
        }
        List<TimeInterval.Range> out = new ArrayList<>();
        for (Node n : sequence(m.get(key), key)) {
            String s = scalar(n, key).toLowerCase(Locale.ROOT).strip();
            // A leading '-' is a negative day of the month, not a range separator.
            int colon = s.indexOf(':', 1);
            String a = colon < 0 ? s : s.substring(0, colon);
            String b = colon < 0 ? s : s.substring(colon + 1);
            out.add(new TimeInterval.Range(rangeValue(n, key, a, names, offset), rangeValue(n, key, b, names, offset)));
        }
        return out;
    }

    private int rangeValue(Node n, String key, String s, List<String> names, int offset) {
        if (names != null && names.contains(s)) {
            return names.indexOf(s) + offset;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(n, key, "'" + s + "' is not a valid value");
        }
    }

    private int minuteOfDay(Node n, String s) {
        Matcher t = TIME.matcher(s);
        if (!t.matches() || Integer.parseInt(t.group(1)) > 24 || Integer.parseInt(t.group(2)) > 59) {
            throw error(n, "times", "'" + s + "' is not a time of day HH:MM");
        }
        return Integer.parseInt(t.group(1)) * 60 + Integer.parseInt(t.group(2));
    }

    // ---- node helpers -------------------------------------------------------------------------

    /** Keys of a mapping node; with {@code allowed}, any other key is refused with its line. */
    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            throw error(node, what, "expected a mapping (key: value)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String key = scalar(t.getKeyNode(), what);
            if (allowed != null && !allowed.contains(key)) {
                throw error(t.getKeyNode(), key, "unknown key in " + what + " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), key, "key given twice");
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String key) {
        if (node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"))) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sn)) {
            throw error(node, key, "expected a list");
        }
        return sn.getValue();
    }

    private String scalar(Node node, String key) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, key, "expected a single value");
        }
        return s.getValue();
    }

    private List<String> strings(Node node, String key) {
        return sequence(node, key).stream().map(n -> scalar(n, key)).toList();
    }

    private List<LabelMatcher> matchers(Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            return List.of();
        }
        List<LabelMatcher> out = new ArrayList<>();
        for (Node n : sequence(m.get(key), key)) {
            String text = scalar(n, key);
            out.add(matcher(n, key, () -> LabelMatcher.parse(text)));
        }
        return out;
    }

    private LabelMatcher matcher(Node n, String key, java.util.function.Supplier<LabelMatcher> parse) {
        try {
            return parse.get();
        } catch (LabelMatcher.InvalidMatcherException e) {
            throw error(n, key, e.getMessage());
        }
    }

    private String requiredString(Map<String, Node> m, Node parent, String key, String what) {
        String v = optionalString(m, key);
        if (v == null || v.isBlank()) {
            throw error(m.getOrDefault(key, parent), key, "missing in " + what);
        }
        return v;
    }

    private String optionalString(Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            return null;
        }
        String v = scalar(m.get(key), key);
        return v.isEmpty() || v.equals("~") || v.equals("null") ? null : v;
    }

    private Boolean optionalBoolean(Map<String, Node> m, String key) {
        String v = optionalString(m, key);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(m.get(key), key, "expected true or false, not '" + v + "'");
        };
    }

    private boolean flag(Map<String, Node> m, String key, boolean dflt) {
        Boolean b = optionalBoolean(m, key);
        return b == null ? dflt : b;
    }

    private int integer(Node n, String key) {
        try {
            int v = Integer.parseInt(scalar(n, key));
            if (v < 0) {
                throw error(n, key, "must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(n, key, "expected a whole number");
        }
    }

    private Duration optionalDuration(Map<String, Node> m, String key) {
        String v = optionalString(m, key);
        return v == null ? null : duration(m.get(key), key, v);
    }

    /** Prometheus durations: 1y 1w 1d 1h 1m 1s 1ms, in that order, e.g. "1h30m"; "0" is zero. */
    Duration duration(Node n, String key, String v) {
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher d = DURATION.matcher(v);
        if (v.isEmpty() || !d.matches()) {
            throw error(n, key, "'" + v + "' is not a duration like 30s, 5m, 4h or 1h30m");
        }
        long[] unitsMillis = {365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        long total = 0;
        for (int i = 0; i < unitsMillis.length; i++) {
            if (d.group(i + 1) != null) {
                total += Long.parseLong(d.group(i + 1)) * unitsMillis[i];
            }
        }
        return Duration.ofMillis(total);
    }

    private void smarthost(Node n, String key, String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1 || !v.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            throw error(n, key, "expected host:port, e.g. smtp.example.org:587");
        }
    }

    private String url(Node n, String key, String v) {
        try {
            URI u = URI.create(v.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw error(n, key, "expected an http(s) URL");
            }
            return v.strip();
        } catch (IllegalArgumentException e) {
            throw error(n, key, "expected an http(s) URL");
        }
    }

    private static List<String> addresses(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private NotifyConfigException error(Node node, String key, String problem) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new NotifyConfigException(source + ": line " + line + ": " + key + ": " + problem);
    }
}
