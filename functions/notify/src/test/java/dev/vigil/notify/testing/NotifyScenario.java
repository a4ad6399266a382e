package dev.vigil.notify.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.core.testing.MysqlTestProperties;
import dev.vigil.core.time.AdjustableClock;
import dev.vigil.notify.NotifyRun;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Real receivers for a scenario: GreenMail SMTP on a loopback port, and loopback HTTP servers as
 * Slack, Telegram and two webhooks. Subclasses add {@code @MicronautTest(transactional = false,
 * environments = "test")} and {@code @TestInstance(PER_CLASS)}.
 */
public abstract class NotifyScenario implements MysqlTestProperties {

    public static final String SMTP_PASSWORD = "smtp-pass-7Hq9";
    public static final String SLACK_SECRET = "XoXbSlackSecret42";
    public static final String TELEGRAM_TOKEN = "123456:TgBotTokenSecretAAA";
    public static final String WEBHOOK_SECRET = "whk-path-token-99";

    public static final java.time.Instant SCENARIO_START = java.time.Instant.parse("2026-11-21T10:00:00Z");

    protected GreenMail smtp;
    protected int smtpPort;
    protected final RecordingReceiver slack = RecordingReceiver.start();
    protected final RecordingReceiver telegram = RecordingReceiver.start();
    protected final RecordingReceiver webhookA = RecordingReceiver.start();
    protected final RecordingReceiver webhookB = RecordingReceiver.start();

    @Inject
    protected DataSource dataSource;
    @Inject
    protected AdjustableClock clock;
    @Inject
    protected NotifyRun notify;
    protected AlertFixture alerts;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(databaseProperties());
        smtpPort = freePort();
        startSmtp();
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put("javamail.properties.mail.smtp.port", String.valueOf(smtpPort));
        p.put("javamail.properties.mail.smtp.connectiontimeout", "2000");
        p.put("javamail.authentication.username", "vigil");
        p.put("javamail.authentication.password", SMTP_PASSWORD);
        p.put("vigil.notify.email.to", "ops@example.com,dba@example.com");
        p.put("vigil.notify.email.cc", "lead@example.com");
        p.put("vigil.notify.email.from", "vigil@example.com");
        p.put("vigil.notify.email.escalation-to", "oncall-manager@example.com");
        p.put("vigil.notify.slack.webhook-url", slack.url("/services/T0/B0/" + SLACK_SECRET));
        p.put("vigil.notify.telegram.bot-token", TELEGRAM_TOKEN);
        p.put("vigil.notify.telegram.chat-id", "-100200300");
        p.put("vigil.notify.telegram.api-base-url", telegram.url(""));
        p.put("vigil.notify.webhook.urls", webhookA.url("/hooks/" + WEBHOOK_SECRET) + "," + webhookB.url("/alertmanager"));
        p.put("vigil.notify.webhook.external-url", "https://vigil.example");
        p.putAll(extraProperties());
        return p;
    }

    /** MariaDB by default; the H2 variants of a scenario override this with {@code TestDatabase.freshH2()}. */
    protected Map<String, String> databaseProperties() {
        return MysqlTestProperties.super.getProperties();
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    protected void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", SMTP_PASSWORD));
        smtp.start();
    }

    protected void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void resetScenario() {
        alerts = new AlertFixture(dataSource, clock);
        alerts.clear();
        purgeMail();
        slack.reset();
        telegram.reset();
        webhookA.reset();
        webhookB.reset();
        // Every scenario starts at the same instant: all state that depends on time was just cleared.
        clock.set(SCENARIO_START);
    }

    @AfterAll
    void stopReceivers() {
        smtp.stop();
        slack.close();
        telegram.close();
        webhookA.close();
        webhookB.close();
    }

    /** One run to stage the events, then one after the group wait to send them. */
    protected void notifyAfterGroupWait() {
        notify.runOnce();
        clock.advance(Duration.ofSeconds(31));
        notify.runOnce();
    }

    protected void purgeMail() {
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GreenMail keeps one copy per recipient: with to (2) + cc (1) each email appears three times. */
    protected static final int COPIES_PER_EMAIL = 3;

    protected MimeMessage[] mails() {
        return smtp.getReceivedMessages();
    }

    protected int httpRequests() {
        return slack.requests().size() + telegram.requests().size() + webhookA.requests().size() + webhookB.requests().size();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
