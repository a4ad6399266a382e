package dev.vigil.ingest.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.util.Locale;

/**
 * The host and a subject-like line ({@code [CRITICAL] db-01: DiskSpaceLow and 2 more}) read from the start of
 * an outbox payload. Only a prefix is read (a payload can list thousands of alerts), so the JSON may be cut
 * anywhere: whatever was read before the cut is used, and nothing here fails.
 */
final class PayloadSummary {

    /** Enough for the top-level fields and the first alerts of a notify payload. */
    static final int PREFIX_CHARS = 4000;

    private static final JsonFactory JSON = new JsonFactory();

    @Nullable
    final String host;
    @Nullable
    final String summary;

    private PayloadSummary(@Nullable String host, @Nullable String summary) {
        this.host = host;
        this.summary = summary;
    }

    static PayloadSummary read(@Nullable String payloadPrefix, String kind, int linkedAlerts) {
        Fields f = new Fields();
        if (payloadPrefix != null) {
            try (JsonParser p = JSON.createParser(payloadPrefix)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    f.readTopLevel(p);
                }
            } catch (IOException | RuntimeException cutOrUnreadable) {
                // a prefix ends mid-document: keep what was read
            }
        }
        if (f.subject != null) {
            return new PayloadSummary(f.host, f.subject);
        }
        if (f.host == null || f.leadRule == null) {
            return new PayloadSummary(f.host, null);
        }
        int alerts = Math.max(linkedAlerts, f.alertsSeen);
        StringBuilder s = new StringBuilder(tag(kind, f.severity)).append(' ').append(f.host).append(": ").append(f.leadRule);
        if (alerts > 1) {
            s.append(" and ").append(alerts - 1).append(" more");
        }
        return new PayloadSummary(f.host, s.toString().replaceAll("[\\r\\n\\t]+", " "));
    }

    /** The tags of notify's email subjects. */
    private static String tag(String kind, @Nullable String severity) {
        String sev = severity == null ? "ALERT" : severity.toUpperCase(Locale.ROOT);
        return switch (kind) {
            case "resolved" -> "[RESOLVED]";
            case "escalation" -> "[ESCALATED][" + sev + "]";
            case "repeat" -> "[" + sev + "][REMINDER]";
            case "test" -> "[TEST]";
            default -> "[" + sev + "]";
        };
    }

    private static final class Fields {
        String subject;
        String host;
        String leadRule;
        String severity;
        int alertsSeen;

        void readTopLevel(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && (name.equals("subject") || name.equals("title"))) {
                    subject = p.getText();
                } else if (value == JsonToken.VALUE_STRING && name.equals("host")) {
                    host = p.getText();
                } else if (value == JsonToken.START_ARRAY && name.equals("alerts")) {
                    readAlerts(p);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void readAlerts(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                alertsSeen++;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("rule") && leadRule == null) {
                        leadRule = p.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("severity")) {
                        severity = higher(severity, p.getText());
                    } else if (value == JsonToken.VALUE_STRING && name.equals("host") && host == null) {
                        host = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private static String higher(@Nullable String current, String candidate) {
            return "critical".equalsIgnoreCase(current) ? current : candidate;
        }
    }
}
