package dev.vigil.notify.telegram;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.testing.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telegram's 4096-character limit: long messages are shortened without ever cutting a tag or an entity. */
class TelegramMessageTest {

    static final long NOW = 1_800_000_000_000L;
    static final String NASTY = "disk <full> & \"quoted\" 'tick' 🔥 ";

    @Test
    void aHostWithManyLongAlertsGetsWellFormedHtmlUnderTheLimitNamingWhatWasLeftOut() {
        List<AlertSnapshot> alerts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            alerts.add(alert(i, "Rule" + i, NASTY.repeat(10)));
        }
        TelegramNotifier.SendMessage m = TelegramNotifier.message(new Notification("telegram", NotificationKind.FIRING, "db-01", NOW, alerts),
                "-1", NOW);

        assertEquals("HTML", m.parse_mode());
        assertTrue(m.text().length() <= TelegramNotifier.MAX_TEXT, "length " + m.text().length());
        assertWellFormed(m.text());
        assertTrue(m.text().matches("(?s).*… and \\d+ more$"), m.text().substring(m.text().length() - 40));
    }

    @Test
    void oneHugeSummaryIsCutAsPlainTextBeforeEscaping() {
        String summary = "<&>".repeat(5000);
        TelegramNotifier.SendMessage m = TelegramNotifier.message(new Notification("telegram", NotificationKind.FIRING, "db-01", NOW,
                List.of(alert(1, "DiskSpaceLow", summary))), "-1", NOW);

        assertEquals("HTML", m.parse_mode());
        assertTrue(m.text().length() <= TelegramNotifier.MAX_TEXT);
        assertWellFormed(m.text());
        assertTrue(Pattern.compile("&(lt|gt|amp);…").matcher(m.text()).find(), "cut summary ends in an ellipsis after a whole entity");
    }

    @Test
    void whenNotEvenOneAlertFitsAsHtmlThePlainTextIsSentWithoutParseMode() {
        // The title carries the host name uncut: a huge one leaves no room for HTML.
        String host = "h".repeat(9000);
        TelegramNotifier.SendMessage m = TelegramNotifier.message(new Notification("telegram", NotificationKind.FIRING, host, NOW,
                List.of(alert(1, "DiskSpaceLow", "x"))), "-1", NOW);
        assertTrue(m.text().length() <= TelegramNotifier.MAX_TEXT);
        if (m.parse_mode() == null) {
            assertTrue(m.text().endsWith("…"));
        } else {
            assertWellFormed(m.text());
        }
    }

    @Test
    void cutNeverSplitsAnEmoji() {
        String s = "a🔥🔥🔥";
        for (int max = 2; max < s.length(); max++) {
            String c = TelegramNotifier.cut(s, max);
            assertTrue(c.length() <= max);
            assertTrue(!Character.isHighSurrogate(c.charAt(c.length() - 2)), c);
        }
        assertNull(TelegramNotifier.cut(null, 5));
    }

    private static AlertSnapshot alert(long id, String rule, String summary) {
        return Snapshots.firing(id, rule, "db-01", summary, NOW - 30_000);
    }

    /** Only Telegram's tags, balanced; every '&' starts a whole entity; no '<' or '>' outside a tag. */
    static void assertWellFormed(String html) {
        Matcher amp = Pattern.compile("&").matcher(html);
        while (amp.find()) {
            assertTrue(html.startsWith("&lt;", amp.start()) || html.startsWith("&gt;", amp.start()) || html.startsWith("&amp;", amp.start())
                    || html.startsWith("&quot;", amp.start()) || html.startsWith("&#39;", amp.start()), "broken entity at " + amp.start());
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = Pattern.compile("<(/?)(b|a)( href=\"[^\"<>]*\")?>").matcher(html);
        int last = 0;
        String outside = "";
        while (tag.find()) {
            outside += html.substring(last, tag.start());
            last = tag.end();
            if (tag.group(1).isEmpty()) {
                open.push(tag.group(2));
            } else {
                assertEquals(tag.group(2), open.pop(), "closing tag matches");
            }
        }
        outside += html.substring(last);
        assertTrue(open.isEmpty(), "every tag closed");
        assertTrue(!outside.contains("<") && !outside.contains(">"), "no stray angle bracket");
    }
}
