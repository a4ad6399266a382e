package dev.vigil.core.silence;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.sample.Labels;
import io.micronaut.scheduling.cron.CronExpression;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Decides whether a silence is in force at a time and whether it matches an alert. */
public final class SilenceMatcher {

    private SilenceMatcher() {
    }

    public static boolean isActive(Silence s, long now) {
        if (s.expiredAt() != null || now < s.startsAt() || now >= s.endsAt()) {
            return false;
        }
        if (s.cron() == null) {
            return true;
        }
        long duration = s.durationMs() == null ? 0 : s.durationMs();
        // the latest window start at or before now is the first cron time after (now - duration)
        ZonedDateTime windowStart = cron(s.cron()).nextTimeAfter(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(now - duration), ZoneOffset.UTC));
        return windowStart != null && windowStart.toInstant().toEpochMilli() <= now;
    }

    public static boolean matches(Silence s, AlertRecord alert) {
        Map<String, String> labels = null;
        for (Map.Entry<String, String> m : s.matchers().entrySet()) {
            String actual = switch (m.getKey()) {
                case "host" -> alert.host();
                case "rule", "alertname" -> alert.rule();
                case "severity" -> alert.severity().wire();
                default -> {
                    if (labels == null) {
                        labels = Labels.fromJson(alert.labelsJson());
                    }
                    yield labels.get(m.getKey());
                }
            };
            if (!m.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a silence matches an alert given as the label set notify routes on: the alert's labels
     * over its host's labels, plus {@code alertname}, {@code host} and {@code severity}. A matcher on
     * {@code rule} matches {@code alertname}.
     */
    public static boolean matches(Silence s, Map<String, String> alertLabels) {
        for (Map.Entry<String, String> m : s.matchers().entrySet()) {
            String name = "rule".equals(m.getKey()) && !alertLabels.containsKey("rule") ? "alertname" : m.getKey();
            if (!m.getValue().equals(alertLabels.get(name))) {
                return false;
            }
        }
        return true;
    }

    public static boolean silenced(List<Silence> active, AlertRecord alert) {
        for (Silence s : active) {
            if (matches(s, alert)) {
                return true;
            }
        }
        return false;
    }

    /** Accepts the usual 5-field cron (minute hour day month weekday) and Micronaut's 6-field form. */
    public static CronExpression cron(String expression) {
        String trimmed = expression.trim();
        String sixFields = trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed;
        return CronExpression.create(sixFields);
    }
}
