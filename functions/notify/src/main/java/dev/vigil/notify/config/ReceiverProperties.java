package dev.vigil.notify.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Typed settings of each receiver kind; a receiver without its URL/token is simply not configured. */
public final class ReceiverProperties {

    /** Chat and webhook endpoints answer in well under a second; a longer wait only delays the others. */
    public static final Duration DEFAULT_HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_HTTP_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private ReceiverProperties() {
    }

    @ConfigurationProperties("vigil.notify.email")
    public static class Email {
        @NotNull
        private List<String> to = new ArrayList<>();
        @NotNull
        private List<String> cc = new ArrayList<>();
        @NotNull
        private List<String> escalationTo = new ArrayList<>();
        @NotBlank
        private String from = "vigil@localhost";
        private boolean sendResolved = true;
        /** Where emails go as .eml files when no SMTP host is configured (the local default). */
        @NotBlank
        private String outboxDir = "data/outbox";

        public List<String> getTo() { return to; }
        public void setTo(List<String> to) { this.to = to; }
        public List<String> getCc() { return cc; }
        public void setCc(List<String> cc) { this.cc = cc; }
        public List<String> getEscalationTo() { return escalationTo; }
        public void setEscalationTo(List<String> escalationTo) { this.escalationTo = escalationTo; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
        public boolean isSendResolved() { return sendResolved; }
        public void setSendResolved(boolean sendResolved) { this.sendResolved = sendResolved; }
        public String getOutboxDir() { return outboxDir; }
        public void setOutboxDir(String outboxDir) { this.outboxDir = outboxDir; }
    }

    @ConfigurationProperties("vigil.notify.slack")
    public static class Slack {
        @Nullable
        private String webhookUrl;
        private boolean sendResolved = true;

        @Nullable
        public String getWebhookUrl() { return webhookUrl; }
        public void setWebhookUrl(@Nullable String webhookUrl) { this.webhookUrl = webhookUrl; }
        public boolean isSendResolved() { return sendResolved; }
        public void setSendResolved(boolean sendResolved) { this.sendResolved = sendResolved; }
    }

    @ConfigurationProperties("vigil.notify.telegram")
    public static class Telegram {
        public static final String DEFAULT_API_BASE_URL = "https://api.telegram.org";
        @Nullable
        private String botToken;
        @Nullable
        private String chatId;
        @NotBlank
        private String apiBaseUrl = DEFAULT_API_BASE_URL;
        private boolean sendResolved = true;

        @Nullable
        public String getBotToken() { return botToken; }
        public void setBotToken(@Nullable String botToken) { this.botToken = botToken; }
        @Nullable
        public String getChatId() { return chatId; }
        public void setChatId(@Nullable String chatId) { this.chatId = chatId; }
        public String getApiBaseUrl() { return apiBaseUrl; }
        public void setApiBaseUrl(String apiBaseUrl) { this.apiBaseUrl = apiBaseUrl; }
        public boolean isSendResolved() { return sendResolved; }
        public void setSendResolved(boolean sendResolved) { this.sendResolved = sendResolved; }
    }

    @ConfigurationProperties("vigil.notify.webhook")
    public static class Webhook {
        @NotNull
        private List<String> urls = new ArrayList<>();
        private boolean sendResolved = true;
        /**
         * Put in the payload's externalURL and in message links so receivers can link back; unset, the
         * app's own server URL is used (see ExternalUrl).
         */
        @Nullable
        private String externalUrl;

        public List<String> getUrls() { return urls; }
        public void setUrls(List<String> urls) { this.urls = urls; }
        public boolean isSendResolved() { return sendResolved; }
        public void setSendResolved(boolean sendResolved) { this.sendResolved = sendResolved; }
        @Nullable
        public String getExternalUrl() { return externalUrl; }
        public void setExternalUrl(@Nullable String externalUrl) { this.externalUrl = externalUrl; }
    }

    /**
     * Alertmanagers fed as Prometheus feeds them ({@code VIGIL_NOTIFY_ALERTMANAGER_URLS}): every alert of
     * every severity is pushed to each URL's {@code POST /api/v2/alerts}, kept alive while firing.
     */
    @ConfigurationProperties("vigil.notify.alertmanager")
    public static class Alertmanager {
        /** Prometheus's {@code --rules.alert.resend-delay} default. */
        public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);

        @NotNull
        private List<String> urls = new ArrayList<>();
        private boolean sendResolved = true;
        @NotNull
        private Duration resendInterval = DEFAULT_RESEND_INTERVAL;

        public List<String> getUrls() { return urls; }
        public void setUrls(List<String> urls) { this.urls = urls; }
        public boolean isSendResolved() { return sendResolved; }
        public void setSendResolved(boolean sendResolved) { this.sendResolved = sendResolved; }
        public Duration getResendInterval() { return resendInterval; }
        public void setResendInterval(Duration resendInterval) { this.resendInterval = resendInterval; }

        @AssertTrue(message = "vigil.notify.alertmanager.resend-interval must be positive")
        public boolean isResendIntervalPositive() {
            return resendInterval != null && resendInterval.compareTo(Duration.ZERO) > 0;
        }
    }

    @ConfigurationProperties("vigil.notify.http")
    public static class Http {
        @NotNull
        private Duration connectTimeout = DEFAULT_HTTP_CONNECT_TIMEOUT;
        @NotNull
        private Duration requestTimeout = DEFAULT_HTTP_REQUEST_TIMEOUT;

        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getRequestTimeout() { return requestTimeout; }
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
    }
}
