package dev.vigil.ingest.receiver;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import dev.vigil.notify.route.ExternalUrl;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receivers API over a real socket, built from the env settings as ingest sees them (the env
 * variables' own names: ingest's application.yml does not map them), with a real SMTP server and
 * loopback HTTP receivers: every channel kind is listed with its secrets redacted and test-sent.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiversApiTest implements TestPropertyProvider {

    static final String ADMIN = "test-admin-token-receivers";
    static final String SMTP_PASSWORD = "smtp-S3cret-pw";
    static final String SLACK_SECRET = "XoXbSlackPathSecret";
    static final String TELEGRAM_TOKEN = "4242:TelegramBotSecret";
    static final String WEBHOOK_SECRET = "hook-path-secret-77";

    final LoopbackReceiver slack = new LoopbackReceiver();
    final LoopbackReceiver telegram = new LoopbackReceiver();
    final LoopbackReceiver webhook = new LoopbackReceiver();
    GreenMail smtp;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    ExternalUrl externalUrl;
    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", SMTP_PASSWORD));
        smtp.start();
        Map<String, String> p = new HashMap<>(TestDatabase.freshMysql());
        p.put("vigil.admin-token", ADMIN);
        // What VIGIL_SMTP_HOST, VIGIL_SLACK_WEBHOOK_URL, … become as properties when only the env sets them.
        p.put("vigil.smtp.host", "127.0.0.1");
        p.put("vigil.smtp.port", String.valueOf(port));
        p.put("vigil.smtp.user", "vigil");
        p.put("vigil.smtp.password", SMTP_PASSWORD);
        p.put("vigil.notify.email.to", "ops@example.com");
        p.put("vigil.slack.webhook-url", slack.url("/services/T/B/" + SLACK_SECRET));
        p.put("vigil.telegram.bot-token", TELEGRAM_TOKEN);
        p.put("vigil.telegram.chat-id", "-1001");
        p.put("vigil.notify.telegram.api-base-url", telegram.url(""));
        p.put("vigil.notify.webhook.urls", webhook.url("/hooks/" + WEBHOOK_SECRET) + ",http://127.0.0.1:" + freePort() + "/down/" + WEBHOOK_SECRET);
        return p;
    }

    @BeforeAll
    void client() {
        api = new ApiClient(server.getURI());
    }

    @AfterAll
    void stop() {
        smtp.stop();
        slack.close();
        telegram.close();
        webhook.close();
    }

    @Test
    void listingNeedsTheAdminTokenAndRedactsEverySecret() throws IOException {
        assertEquals(401, api.get("/api/v1/receivers", null).statusCode());
        assertEquals(401, api.get("/api/v1/receivers", "wrong").statusCode());
        HttpResponse<String> r = api.get("/api/v1/receivers", ADMIN);
        assertEquals(200, r.statusCode(), r.body());
        for (String secret : List.of(SMTP_PASSWORD, SLACK_SECRET, TELEGRAM_TOKEN, WEBHOOK_SECRET)) {
            assertFalse(r.body().contains(secret), "a secret in " + r.body());
        }
        List<Map<String, Object>> receivers = json.readValue(r.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        Map<String, Map<String, Object>> byName = new HashMap<>();
        receivers.forEach(x -> byName.put((String) x.get("name"), x));
        assertTrue(byName.keySet().containsAll(List.of("email", "slack", "telegram", "webhook-0", "webhook-1")), byName.keySet().toString());
        assertEquals("email", integration(byName.get("email")).get("kind"));
        assertTrue(((String) integration(byName.get("email")).get("target")).startsWith("to ops@example.com via SMTP 127.0.0.1:"));
        assertEquals("telegram", integration(byName.get("telegram")).get("kind"));
        assertEquals("chat -1001 via " + telegram.url(""), integration(byName.get("telegram")).get("target"));
        assertEquals(webhook.url("/***"), integration(byName.get("webhook-0")).get("target"));
    }

    @Test
    void eachChannelKindIsTestSentThroughTheRealChannel() throws Exception {
        Map<String, Object> email = test("email");
        assertEquals(true, email.get("delivered"), email.toString());
        assertEquals("[TEST] vigil: VigilTestMessage", smtp.getReceivedMessages()[0].getSubject());

        assertEquals(true, test("slack").get("delivered"));
        assertTrue(slack.requests().get(0).body().contains("[TEST] vigil: VigilTestMessage"), slack.requests().get(0).body());
        assertEquals(true, test("telegram").get("delivered"));
        assertEquals("/bot" + TELEGRAM_TOKEN + "/sendMessage", telegram.requests().get(0).path());
        assertEquals(true, test("webhook-0").get("delivered"));
        assertTrue(webhook.requests().get(0).body().contains("\"alertname\":\"VigilTestMessage\""), webhook.requests().get(0).body());

        HttpResponse<String> after = api.get("/api/v1/receivers", ADMIN);
        assertTrue(after.body().contains("\"status\":\"SENT\",\"kind\":\"TEST\""), after.body());
        assertEquals(4, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'TEST' AND status = 'SENT'"));
    }

    @Test
    void aChannelThatIsDownAnswersWithTheFailureAndNoSecret() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/receivers/webhook-1/test", ADMIN, "");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(WEBHOOK_SECRET), r.body());
        Map<String, Object> report = json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        assertEquals(false, report.get("delivered"));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = ((List<Map<String, Object>>) report.get("results")).get(0);
        assertTrue(((String) result.get("error")).startsWith("POST to http://127.0.0.1:"), result.toString());
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'TEST' AND status = 'DEAD'"
                + " AND receiver = 'webhook-1' AND last_error NOT LIKE '%" + WEBHOOK_SECRET + "%'"));
    }

    @Test
    void linksFollowTheAppsRealPortWhenNoExternalUrlIsConfigured() {
        // Issue 11: webhook externalURL stayed http://localhost:8080 when the app ran on another port.
        assertEquals("http://localhost:" + server.getPort(), externalUrl.get());
    }

    @Test
    void anUnknownReceiverIs404AndTheNullReceiverCannotBeTested() throws IOException {
        HttpResponse<String> r = api.post("/api/v1/receivers/pagerduty/test", ADMIN, "");
        assertEquals(404, r.statusCode());
        assertEquals("no receiver named 'pagerduty'", json.readValue(r.body(), Map.class).get("error"));
        assertEquals(400, api.post("/api/v1/receivers/null/test", ADMIN, "").statusCode());
        assertEquals(401, api.post("/api/v1/receivers/email/test", null, "").statusCode());
    }

    private Map<String, Object> test(String name) throws IOException {
        HttpResponse<String> r = api.post("/api/v1/receivers/" + name + "/test", ADMIN, "");
        assertEquals(200, r.statusCode(), r.body());
        return json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> integration(Map<String, Object> receiver) {
        assertNotNull(receiver);
        return ((List<Map<String, Object>>) receiver.get("integrations")).get(0);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
