package dev.vigil.notify.http;

import dev.vigil.notify.config.ReceiverProperties;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;

@Factory
public class HttpClientFactory {

    @Singleton
    JsonPoster jsonPoster(ReceiverProperties.Http http) {
        return new JsonPoster(() -> HttpClient.newBuilder()
                .connectTimeout(http.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), http.getRequestTimeout());
    }
}
