package dev.vigil.notify.route;

import dev.vigil.notify.config.ReceiverProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * The URL people and tools reach Vigil at, for links in messages and the webhook's externalURL:
 * {@code vigil.notify.webhook.external-url} when set; else the URL the app's own HTTP server started
 * on (the local app on any port); else localhost on {@code micronaut.server.port}.
 */
@Singleton
public class ExternalUrl implements ApplicationEventListener<ServerStartupEvent> {

    /** Micronaut's default port, when nothing else is known (a scheduled function with no server). */
    static final int DEFAULT_PORT = 8080;

    @Nullable
    private final String configured;
    private final int configuredPort;
    private volatile String started;

    public ExternalUrl(ReceiverProperties.Webhook webhook, @Value("${micronaut.server.port:" + DEFAULT_PORT + "}") int port) {
        String url = webhook.getExternalUrl();
        this.configured = url == null || url.isBlank() ? null : strip(url.trim());
        this.configuredPort = port > 0 ? port : DEFAULT_PORT;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = event.getSource().getURL().toString();
        started = strip(url.replace("://0.0.0.0", "://localhost").replace("://[::]", "://localhost"));
    }

    public String get() {
        if (configured != null) {
            return configured;
        }
        String s = started;
        return s != null ? s : "http://localhost:" + configuredPort;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
