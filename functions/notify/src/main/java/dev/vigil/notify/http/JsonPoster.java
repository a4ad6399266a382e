package dev.vigil.notify.http;

import dev.vigil.notify.notifier.DeliveryResult;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Posts JSON with short timeouts and classifies the answer. Error texts name only scheme, host and
 * port: webhook paths and Telegram URLs carry tokens.
 */
public final class JsonPoster {

    private final Supplier<HttpClient> clientFactory;
    private final Duration requestTimeout;
    private volatile HttpClient client;

    public JsonPoster(HttpClient client, Duration requestTimeout) {
        this(() -> client, requestTimeout);
    }

    /**
     * Builds its client at the first post: building one loads the TLS stack and the trust store (about 0.3 s of
     * a Lambda cold start), which ingest and a notify run without HTTP receivers never use.
     */
    public JsonPoster(Supplier<HttpClient> clientFactory, Duration requestTimeout) {
        this.clientFactory = clientFactory;
        this.requestTimeout = requestTimeout;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = clientFactory.get();
                    client = built;
                }
            }
        }
        return built;
    }

    public DeliveryResult post(URI uri, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vigil-notify")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.ok();
            }
            String error = "POST to " + origin(uri) + " answered HTTP " + status;
            // 408 and 429 are "later, please"; other 4xx mean the request itself is wrong and will stay wrong.
            return status >= 500 || status == 408 || status == 429 ? DeliveryResult.retry(error) : DeliveryResult.permanent(error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("POST to " + origin(uri) + " interrupted");
        } catch (Exception e) {
            // Exception messages may quote the full URL; the class name is enough to act on.
            return DeliveryResult.retry("POST to " + origin(uri) + " failed: " + e.getClass().getSimpleName());
        }
    }

    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
