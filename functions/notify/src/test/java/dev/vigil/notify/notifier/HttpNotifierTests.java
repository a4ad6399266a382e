package dev.vigil.notify.notifier;

import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.slack.SlackNotifier;
import dev.vigil.notify.telegram.TelegramNotifier;
import dev.vigil.notify.testing.RecordingReceiver;
import dev.vigil.notify.webhook.WebhookNotifier;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP notifiers against real loopback receivers, each through the shared compatibility test.
 * Each kind has its own receiver, so one kind's delivery can never count for another's.
 */
class HttpNotifierTests {

    static final RecordingReceiver WEBHOOK = RecordingReceiver.start();
    static final RecordingReceiver SLACK = RecordingReceiver.start();
    static final RecordingReceiver TELEGRAM = RecordingReceiver.start();
    static final JsonPoster POSTER = new JsonPoster(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), Duration.ofSeconds(2));
    static final ObjectMapper JSON = ObjectMapper.getDefault();
    static final String TOKEN = "987654:SuperSecretBotToken";
    static final String PATH_TOKEN = "T000/B000/slackPathSecret";

    @AfterAll
    static void stop() {
        WEBHOOK.close();
        SLACK.close();
        TELEGRAM.close();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Webhook extends NotifierCompatibilityTest {
        protected Notifier live() {
            return new WebhookNotifier("webhook-0", URI.create(WEBHOOK.url("/hook/" + PATH_TOKEN)), "http://x", POSTER, JSON);
        }

        protected Notifier down() {
            return new WebhookNotifier("webhook-0", URI.create("http://127.0.0.1:" + deadPort() + "/hook/" + PATH_TOKEN), "http://x", POSTER, JSON);
        }

        protected List<String> secrets() {
            return List.of(PATH_TOKEN);
        }

        protected int delivered() {
            return WEBHOOK.successes();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Slack extends NotifierCompatibilityTest {
        protected Notifier live() {
            return new SlackNotifier(URI.create(SLACK.url("/services/" + PATH_TOKEN)), POSTER, JSON, Clock.systemUTC());
        }

        protected Notifier down() {
            return new SlackNotifier(URI.create("http://127.0.0.1:" + deadPort() + "/services/" + PATH_TOKEN), POSTER, JSON, Clock.systemUTC());
        }

        protected List<String> secrets() {
            return List.of(PATH_TOKEN);
        }

        protected int delivered() {
            return SLACK.successes();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Telegram extends NotifierCompatibilityTest {
        protected Notifier live() {
            return new TelegramNotifier(TELEGRAM.url(""), TOKEN, "42", POSTER, JSON, Clock.systemUTC());
        }

        protected Notifier down() {
            return new TelegramNotifier("http://127.0.0.1:" + deadPort(), TOKEN, "42", POSTER, JSON, Clock.systemUTC());
        }

        protected List<String> secrets() {
            return List.of(TOKEN);
        }

        protected int delivered() {
            return TELEGRAM.successes();
        }
    }
}
