package dev.vigil.notify;

import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailContentTest extends NotifyScenario {

    @Test
    void groupedCriticalAlertArrivesAsOneMultipartEmailWithEscapedHostValues() throws Exception {
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%")
                .labels(Map.of("mount", "/var/<script>alert(1)</script>")));
        alerts.fire(Spec.of("db-01", "HighMemoryUsage", "warning", 87.5, 85).texts("87.5%", "85%"));

        notifyAfterGroupWait();

        MimeMessage[] mails = mails();
        assertEquals(COPIES_PER_EMAIL, mails.length, "one grouped email");
        MimeMessage mail = mails[0];
        assertEquals("[CRITICAL] db-01: DiskSpaceLow (93.1%) and 1 more", mail.getSubject());
        assertEquals("vigil@example.com", mail.getFrom()[0].toString());
        assertEquals("[ops@example.com, dba@example.com]", Arrays.toString(mail.getRecipients(Message.RecipientType.TO)));
        assertEquals("[lead@example.com]", Arrays.toString(mail.getRecipients(Message.RecipientType.CC)));

        String html = part(mail, "text/html");
        String text = part(mail, "text/plain");
        assertTrue(html.contains("<td>DiskSpaceLow</td><td>critical</td><td>93.1%</td><td>90%</td>"), html);
        assertTrue(html.contains("<td>HighMemoryUsage</td><td>warning</td><td>87.5%</td><td>85%</td>"), html);
        assertTrue(html.contains("mount=/var/&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script>"), "a label value must never reach the HTML unescaped");
        assertTrue(html.contains("<a href=\"https://runbooks.example/DiskSpaceLow\">runbook</a>"), html);
        assertTrue(html.contains("since 2026-11-21 10:00:00 UTC"), html);
        assertTrue(text.contains("* DiskSpaceLow [critical]\n  value: 93.1% (threshold 90%)"), text);
        assertTrue(text.contains("runbook: https://runbooks.example/DiskSpaceLow"), text);
        assertTrue(text.contains("mount=/var/<script>alert(1)</script>"), "plain text carries the raw value");
    }

    @Test
    void recoveryEmailSaysWhenItFiredResolvedHowLongAndTheCurrentValue() throws Exception {
        long id = alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%"));
        notifyAfterGroupWait();
        purgeMail();

        clock.advance(Duration.ofMinutes(42));
        alerts.resolve(id, 71.4, "recovered", "back to 71.4% (threshold 90%)", "71.4%");
        notifyAfterGroupWait();

        MimeMessage mail = mails()[0];
        assertEquals("[RESOLVED] db-01: DiskSpaceLow (back to 71.4%)", mail.getSubject());
        String text = part(mail, "text/plain");
        assertTrue(text.contains("fired 2026-11-21 10:00:00 UTC, resolved 2026-11-21 10:42:31 UTC, lasted 42m 31s"), text);
        assertTrue(text.contains("value: 71.4% (threshold 90%)"), text);
        assertTrue(text.contains("resolution: back to 71.4% (threshold 90%)"), text);
        assertTrue(part(mail, "text/html").contains("<th>Fired / resolved</th><th>Resolution</th>"));
    }

    @Test
    void predictiveAlertSaysWhenTheDiskIsExpectedFull() throws Exception {
        long full = clock.millis() + Duration.ofHours(3).toMillis();
        alerts.fire(Spec.of("web-02", "DiskWillFillIn4Hours", "warning", 12.0 * (1L << 30), 0).predicted(full));
        notifyAfterGroupWait();
        String text = part(mails()[0], "text/plain");
        assertTrue(text.contains("expected full at 2026-11-21 13:00:00 UTC (in 2h 59m)"), text);
    }

    static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart multipart = (MimeMultipart) mail.getContent();
        return find(multipart, type);
    }

    private static String find(MimeMultipart mp, String type) throws Exception {
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.getContent() instanceof MimeMultipart nested) {
                String s = find(nested, type);
                if (s != null) {
                    return s;
                }
            } else if (p.isMimeType(type)) {
                return ((String) p.getContent()).replace("\r\n", "\n");
            }
        }
        return null;
    }
}
