package dev.vigil.notify.email;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.render.AlertText;

import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.notify.render.AlertText.html;

/** Subject, HTML and plain-text bodies of an alert email. Every host-supplied string is escaped in HTML. */
public final class EmailRenderer {

    public record RenderedEmail(String subject, String html, String text) {
    }

    private static final String CRITICAL_COLOUR = "#c62828";
    private static final String WARNING_COLOUR = "#ef6c00";
    private static final String RESOLVED_COLOUR = "#2e7d32";

    public RenderedEmail render(Notification n, long now) {
        return new RenderedEmail(AlertText.title(n), htmlBody(n, now), text(n, now));
    }

    private String htmlBody(Notification n, long now) {
        boolean resolved = n.kind() == NotificationKind.RESOLVED;
        String colour = resolved ? RESOLVED_COLOUR : switch (n.severity()) {
            case CRITICAL -> CRITICAL_COLOUR;
            case WARNING -> WARNING_COLOUR;
        };
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        h.append("<h2 style=\"color:").append(colour).append("\">").append(html(AlertText.title(n))).append("</h2>");
        h.append("<p>").append(html(intro(n))).append("</p>");
        h.append("<table cellpadding=\"6\" cellspacing=\"0\" border=\"1\" style=\"border-collapse:collapse\">");
        h.append("<tr><th>Alert</th><th>Severity</th><th>Value</th><th>Threshold</th><th>")
                .append(resolved ? "Fired / resolved" : "Since").append("</th><th>Summary</th><th>Labels</th><th>Runbook</th></tr>");
        for (AlertSnapshot a : n.ordered()) {
            h.append("<tr>");
            cell(h, a.rule());
            cell(h, a.severity().lower());
            cell(h, AlertText.value(a.rule(), a.value()));
            cell(h, AlertText.value(a.rule(), a.threshold()));
            cell(h, AlertText.when(a, n.kind()));
            String prediction = AlertText.prediction(a, now);
            cell(h, a.summary() == null ? "" : a.summary() + (prediction == null ? "" : " (" + prediction + ")"));
            cell(h, labels(a));
            h.append("<td>");
            if (AlertText.isWebLink(a.runbook())) {
                h.append("<a href=\"").append(html(a.runbook().trim())).append("\">runbook</a>");
            } else {
                h.append(html(a.runbook()));
            }
            h.append("</td></tr>");
        }
        h.append("</table><p style=\"color:#777\">Sent by Vigil.</p></body></html>");
        return h.toString();
    }

    private String text(Notification n, long now) {
        StringBuilder t = new StringBuilder(1024);
        t.append(AlertText.title(n)).append("\n\n").append(intro(n)).append("\n\n");
        for (AlertSnapshot a : n.ordered()) {
            t.append("* ").append(a.rule()).append(" [").append(a.severity().lower()).append("]\n");
            t.append("  value: ").append(AlertText.value(a.rule(), a.value()))
                    .append(" (threshold ").append(AlertText.value(a.rule(), a.threshold())).append(")\n");
            t.append("  ").append(AlertText.when(a, n.kind())).append('\n');
            String prediction = AlertText.prediction(a, now);
            if (prediction != null) {
                t.append("  ").append(prediction).append('\n');
            }
            if (a.summary() != null) {
                t.append("  summary: ").append(a.summary()).append('\n');
            }
            if (!a.labels().isEmpty()) {
                t.append("  labels: ").append(labels(a)).append('\n');
            }
            if (a.runbook() != null) {
                t.append("  runbook: ").append(a.runbook()).append('\n');
            }
            t.append('\n');
        }
        return t.append("-- \nSent by Vigil.\n").toString();
    }

    private static String intro(Notification n) {
        int count = n.alerts().size();
        String alerts = count == 1 ? "1 alert" : count + " alerts";
        return switch (n.kind()) {
            case FIRING -> alerts + " firing on " + n.host() + ".";
            case REPEAT -> alerts + " still firing on " + n.host() + " and not acknowledged.";
            case ESCALATION -> alerts + " on " + n.host() + " firing and unacknowledged beyond the escalation time.";
            case RESOLVED -> alerts + " on " + n.host() + " resolved.";
        };
    }

    private static String labels(AlertSnapshot a) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(a.labels()).entrySet()) {
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
