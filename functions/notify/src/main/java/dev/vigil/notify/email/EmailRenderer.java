package dev.vigil.notify.email;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.render.MessageText;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static dev.vigil.notify.render.MessageText.html;

/** Subject, HTML and plain-text bodies of an alert email. Every host-supplied string is escaped in HTML. */
public final class EmailRenderer {

    public record RenderedEmail(String subject, String html, String text) {
    }

    private static final String CRITICAL_COLOUR = "#c62828";
    private static final String WARNING_COLOUR = "#ef6c00";
    private static final String RESOLVED_COLOUR = "#2e7d32";
    private static final String TEST_COLOUR = "#1565c0";

    public RenderedEmail render(Notification n, long now) {
        return new RenderedEmail(MessageText.title(n), htmlBody(n, now), text(n, now));
    }

    private String htmlBody(Notification n, long now) {
        boolean resolved = n.resolved();
        String colour = n.kind() == NotificationKind.TEST ? TEST_COLOUR : resolved ? RESOLVED_COLOUR : switch (n.severity()) {
            case CRITICAL -> CRITICAL_COLOUR;
            case WARNING -> WARNING_COLOUR;
            case INFO -> TEST_COLOUR;
        };
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        h.append("<h2 style=\"color:").append(colour).append("\">").append(html(MessageText.title(n))).append("</h2>");
        h.append("<p>").append(html(intro(n))).append("</p>");
        h.append("<table cellpadding=\"6\" cellspacing=\"0\" border=\"1\" style=\"border-collapse:collapse\">");
        h.append("<tr><th>Alert</th><th>Severity</th><th>Value</th><th>Threshold</th><th>")
                .append(resolved ? "Fired / resolved" : "Since").append("</th>")
                .append(resolved ? "<th>Resolution</th>" : "")
                .append("<th>Summary</th><th>Labels</th><th>Runbook</th></tr>");
        for (AlertSnapshot a : n.ordered()) {
            h.append("<tr>");
            cell(h, a.rule());
            cell(h, a.severity().wire());
            cell(h, Objects.requireNonNullElse(MessageText.value(a), ""));
            cell(h, Objects.requireNonNullElse(MessageText.threshold(a), ""));
            cell(h, MessageText.when(a, n.kind()));
            if (resolved) {
                cell(h, Objects.requireNonNullElse(MessageText.resolution(a), ""));
            }
            String prediction = MessageText.prediction(a, now);
            cell(h, a.summary() == null ? "" : a.summary() + (prediction == null ? "" : " (" + prediction + ")"));
            cell(h, labels(a));
            h.append("<td>");
            String link = MessageText.runbookLink(a);
            if (link != null) {
                h.append("<a href=\"").append(html(link)).append("\">runbook</a>");
            }
            String prose = MessageText.runbookProse(a);
            if (prose != null) {
                h.append(link != null ? "<br>" : "").append(html(prose));
            }
            h.append("</td></tr>");
        }
        h.append("</table>");
        String more = MessageText.more(n);
        if (more != null) {
            h.append("<p><b>").append(html(more.substring(0, more.indexOf("more") + 4))).append("</b>");
            if (MessageText.isWebLink(n.alertsUrl())) {
                h.append(": <a href=\"").append(html(n.alertsUrl())).append("\">").append(html(n.alertsUrl())).append("</a>");
            }
            h.append("</p>");
        }
        h.append("<p style=\"color:#777\">Sent by Vigil.</p></body></html>");
        return h.toString();
    }

    private String text(Notification n, long now) {
        StringBuilder t = new StringBuilder(1024);
        t.append(MessageText.title(n)).append("\n\n").append(intro(n)).append("\n\n");
        for (AlertSnapshot a : n.ordered()) {
            t.append("* ").append(a.rule()).append(" [").append(a.severity().wire()).append("]\n");
            String value = MessageText.valueWithThreshold(a);
            if (value != null) {
                t.append("  value: ").append(value).append('\n');
            }
            t.append("  ").append(MessageText.when(a, n.kind())).append('\n');
            if (n.resolved() && MessageText.resolution(a) != null) {
                t.append("  resolution: ").append(MessageText.resolution(a)).append('\n');
            }
            String prediction = MessageText.prediction(a, now);
            if (prediction != null) {
                t.append("  ").append(prediction).append('\n');
            }
            if (a.summary() != null) {
                t.append("  summary: ").append(a.summary()).append('\n');
            }
            if (!a.labels().isEmpty() || !a.hostLabels().isEmpty()) {
                t.append("  labels: ").append(labels(a)).append('\n');
            }
            String link = MessageText.runbookLink(a);
            String prose = MessageText.runbookProse(a);
            if (link != null || prose != null) {
                t.append("  runbook: ").append(link != null ? link : "").append(link != null && prose != null ? " — " : "")
                        .append(prose != null ? prose : "").append('\n');
            }
            t.append('\n');
        }
        String more = MessageText.more(n);
        if (more != null) {
            t.append(more).append("\n\n");
        }
        return t.append("-- \nSent by Vigil.\n").toString();
    }

    private static String intro(Notification n) {
        int count = n.total();
        String alerts = count == 1 ? "1 alert" : count + " alerts";
        return switch (n.kind()) {
            case FIRING -> alerts + " firing on " + n.host() + ".";
            case REPEAT -> alerts + " still firing on " + n.host() + " and not acknowledged.";
            case ESCALATION -> alerts + " on " + n.host() + " firing and unacknowledged beyond the escalation time.";
            case RESOLVED -> alerts + " on " + n.host() + " resolved.";
            case TEST -> "This is a test message from Vigil to check the receiver \"" + n.receiver() + "\". No alert is firing.";
        };
    }

    /** Host labels first, then the alert's own labels (which win on a clash). */
    private static String labels(AlertSnapshot a) {
        Map<String, String> all = new TreeMap<>(a.hostLabels());
        all.putAll(a.labels());
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(e.getKey()).append('=').append(e.getValue());
        }
        return s.toString();
    }

    private static void cell(StringBuilder h, String s) {
        h.append("<td>").append(html(s)).append("</td>");
    }
}
