package dev.vigil.core.evaluate;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.Reading;
import dev.vigil.core.logline.LogLine;
import dev.vigil.core.logline.LogLineStore;
import dev.vigil.core.rules.Rule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last matching lines behind a log watch alert, as template variables: {@code {{log_lines}}} (the
 * newest few on one line, quoted, for the summary every notifier shows) and {@code {{log_lines_block}}}
 * (one per line, for the description). Read in one query per rule per cycle, for the hosts with a
 * match or an open alert only.
 */
final class RecentLogLines {

    /** The metric whose rules get the variables. */
    static final String METRIC = "log_matches_total";
    static final int LINES_IN_SUMMARY = 3;
    static final int LINES_IN_BLOCK = 10;
    /** Per line in the summary: three long lines must not make the email subject table unreadable. */
    static final int SUMMARY_LINE_CHARS = 300;

    private final Map<String, List<LogLine>> byKey;

    private RecentLogLines(Map<String, List<LogLine>> byKey) {
        this.byKey = byKey;
    }

    static RecentLogLines none() {
        return new RecentLogLines(Map.of());
    }

    /** Lines for every reading of the rule that matched and every open alert of it, since the rule's window. */
    static RecentLogLines load(Connection c, Rule rule, List<Reading> readings, Iterable<AlertRecord> open, long now)
            throws SQLException {
        if (!METRIC.equals(rule.metric())) {
            return none();
        }
        Set<Integer> hostIds = new LinkedHashSet<>();
        for (Reading r : readings) {
            if (r.tested() > 0) {
                hostIds.add(r.hostId());
            }
        }
        for (AlertRecord a : open) {
            if (a.rule().equals(rule.name()) && a.hostId() != null) {
                hostIds.add(a.hostId());
            }
        }
        long window = Math.max(rule.windowMillis(), 60_000L);
        return new RecentLogLines(LogLineStore.recentByKey(c, new ArrayList<>(hostIds), now - window, LINES_IN_BLOCK));
    }

    /** The variables for one reading: empty unless its series carries log and pattern labels. */
    Map<String, String> varsFor(Reading reading) {
        if (byKey.isEmpty()) {
            return Map.of();
        }
        Map<String, String> labels = reading.labels();
        String log = labels.get("log");
        String pattern = labels.get("pattern");
        if (log == null || pattern == null) {
            return Map.of();
        }
        List<LogLine> newestFirst = byKey.getOrDefault(LogLineStore.key(reading.host(), log, pattern), List.of());
        if (newestFirst.isEmpty()) {
            return Map.of("log_lines", "(no line received)", "log_lines_block", "");
        }
        List<LogLine> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<String> summary = new ArrayList<>();
        for (LogLine l : oldestFirst.subList(Math.max(0, oldestFirst.size() - LINES_IN_SUMMARY), oldestFirst.size())) {
            summary.add("\u201C" + cut(l.line()) + "\u201D");
        }
        List<String> block = oldestFirst.stream().map(LogLine::line).toList();
        return Map.of("log_lines", String.join(" ", summary), "log_lines_block", String.join("\n", block));
    }

    private static String cut(String line) {
        return line.length() <= SUMMARY_LINE_CHARS ? line : line.substring(0, SUMMARY_LINE_CHARS - 1) + "\u2026";
    }
}
