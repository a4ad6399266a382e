package dev.vigil.notify.route;

import dev.vigil.core.rules.Severity;
import dev.vigil.notify.config.NotifyConfig.RouteConfig;
import dev.vigil.notify.config.NotifyConfig.SeverityTimings;
import dev.vigil.notify.config.TimeInterval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One node of the route tree with everything inherited resolved, as Alertmanager's dispatch.Route:
 * an alert goes to the deepest matching routes; a matching child without {@code continue} stops
 * its later siblings; a route none of whose children match takes the alert itself.
 *
 * @param id          unique and stable while the tree keeps its shape: the matcher path plus the
 *                    position among siblings, as Alertmanager's route ID ({@code {}/{severity="critical"}/0})
 * @param groupByAll  {@code group_by: ['...']}: every label is part of the group key
 */
public record Route(String id, String receiver, List<LabelMatcher> matchers, boolean continueMatching, Set<String> groupBy,
                    boolean groupByAll, Duration groupWait, Duration groupInterval, Duration repeatInterval,
                    List<String> muteTimeIntervals, List<String> activeTimeIntervals, List<Route> children,
                    Map<Severity, SeverityTimings> bySeverity) {

    /** The group wait for an alert of this severity (the route's own unless the default tree sets one per severity). */
    public Duration groupWait(Severity severity) {
        SeverityTimings t = bySeverity.get(severity);
        return t == null ? groupWait : t.groupWait();
    }

    public Duration repeatInterval(Severity severity) {
        SeverityTimings t = bySeverity.get(severity);
        return t == null ? repeatInterval : t.repeatInterval();
    }

    /** Timings and grouping a root route starts from when the file does not set them. */
    public record Defaults(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    }

    public static Route build(RouteConfig root, Defaults defaults) {
        return build(root, null, "{}", defaults.groupWait(), defaults.groupInterval(), defaults.repeatInterval(), List.of());
    }

    private static Route build(RouteConfig c, Route parent, String id, Duration wait, Duration interval, Duration repeat,
                               List<String> parentGroupBy) {
        List<String> groupBy = c.groupBy() != null ? c.groupBy() : parentGroupBy;
        Duration w = c.groupWait() != null ? c.groupWait() : wait;
        Duration i = c.groupInterval() != null ? c.groupInterval() : interval;
        Duration r = c.repeatInterval() != null ? c.repeatInterval() : repeat;
        String receiver = c.receiver() != null ? c.receiver() : parent.receiver();
        // Mute and active intervals are inherited too (Alertmanager: "Inherited from the parent when unset").
        List<String> mute = !c.muteTimeIntervals().isEmpty() || parent == null ? c.muteTimeIntervals() : parent.muteTimeIntervals();
        List<String> active = !c.activeTimeIntervals().isEmpty() || parent == null ? c.activeTimeIntervals() : parent.activeTimeIntervals();
        List<Route> children = new ArrayList<>();
        Route self = new Route(id, receiver, c.matchers(), c.continueMatching(), Set.copyOf(new TreeSet<>(groupBy)),
                groupBy.contains("..."), w, i, r, mute, active, children, c.bySeverity());
        for (int n = 0; n < c.routes().size(); n++) {
            RouteConfig child = c.routes().get(n);
            String key = id + "/" + child.matchers().stream().map(LabelMatcher::toString).collect(Collectors.joining(",", "{", "}"));
            children.add(build(child, self, key + "/" + n, w, i, r, groupBy));
        }
        return self;
    }

    /** The routes that take an alert with these labels (never empty for the root). */
    public List<Route> match(Map<String, String> labels) {
        if (!matchers.stream().allMatch(m -> m.matches(labels))) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : children) {
            List<Route> matched = child.match(labels);
            all.addAll(matched);
            if (!matched.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** The labels that form this route's group for an alert: its group_by labels the alert has. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            if ((groupByAll || groupBy.contains(k)) && v != null && !v.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Alertmanager's group key: route, then the group labels: {@code {}/{severity="critical"}/0:{host="db-01"}}. */
    public String groupKey(Map<String, String> groupLabels) {
        return id + ":" + groupLabels.entrySet().stream()
                .map(e -> LabelMatcher.equal(e.getKey(), e.getValue()).toString()).collect(Collectors.joining(", ", "{", "}"));
    }

    /** Muted by a mute_time_interval now, or outside every active_time_interval. */
    public boolean mutedAt(Instant now, Map<String, List<TimeInterval>> intervals) {
        for (String name : muteTimeIntervals) {
            if (TimeInterval.anyContains(intervals.getOrDefault(name, List.of()), now)) {
                return true;
            }
        }
        if (activeTimeIntervals.isEmpty()) {
            return false;
        }
        return activeTimeIntervals.stream().noneMatch(name -> TimeInterval.anyContains(intervals.getOrDefault(name, List.of()), now));
    }

    /** This route and all below it, depth first. */
    public List<Route> flatten() {
        List<Route> out = new ArrayList<>();
        out.add(this);
        children.forEach(c -> out.addAll(c.flatten()));
        return out;
    }
}
