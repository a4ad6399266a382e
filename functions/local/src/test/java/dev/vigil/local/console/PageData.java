package dev.vigil.local.console;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Reads the API's JSON answers for the management pages' browser tests (what the page changed, seen through the API). */
final class PageData {

    private final ConsoleApp app;
    private final JsonMapper json;

    PageData(ConsoleApp app) {
        this.app = app;
        this.json = app.context().getBean(JsonMapper.class);
    }

    Map<String, Object> object(String path) {
        return read(path, Argument.mapOf(String.class, Object.class));
    }

    List<Map<String, Object>> list(String path) {
        return read(path, Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /** The id of the one alert of {@code rule} on {@code host} in {@code state}. */
    long alertId(String host, String rule, String state) {
        List<Map<String, Object>> alerts = list("api/v1/alerts?state=" + state + "&host=" + host);
        return alerts.stream().filter(a -> rule.equals(a.get("rule"))).map(a -> ((Number) a.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + state + " " + rule + " on " + host + ": " + alerts));
    }

    private <T> T read(String path, Argument<T> type) {
        HttpResponse<String> r = app.send("GET", path, ConsoleApp.ADMIN_TOKEN, (String) null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " is not the JSON expected: " + r.body(), e);
        }
    }
}
