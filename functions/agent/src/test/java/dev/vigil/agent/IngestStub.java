package dev.vigil.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP ingest on 127.0.0.1 that answers scripted responses (default 202) and records what it got. */
public final class IngestStub implements AutoCloseable {

    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer accepted() {
            return new Answer(202, "{\"accepted\":1,\"duplicates\":0}", Map.of());
        }
    }

    public record Received(String body, String authorization, String contentType) {
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;

    public IngestStub() throws IOException {
        start(0);
    }

    public void start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 0);
        server.createContext("/api/v1/samples", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public void restart() throws IOException {
        start(port);
    }

    public void stop() {
        server.stop(0);
    }

    public void then(int status, String body, Map<String, String> headers) {
        script.add(new Answer(status, body, headers));
    }

    public void then(int status, String body) {
        then(status, body, Map.of());
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI endpoint() {
        return URI.create(baseUrl() + "/api/v1/samples");
    }

    public List<Received> received() {
        return received;
    }

    /** Bodies that got a 2xx, in arrival order. */
    public List<String> acceptedBodies() {
        return accepted.stream().map(Received::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received r = new Received(body, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"));
        received.add(r);
        Answer answer = script.poll();
        if (answer == null) {
            answer = Answer.accepted();
        }
        if (answer.status() / 100 == 2) {
            accepted.add(r);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
