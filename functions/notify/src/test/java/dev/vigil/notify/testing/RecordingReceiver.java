package dev.vigil.notify.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on loopback that records every request and answers scripted statuses (then 200). */
public final class RecordingReceiver implements AutoCloseable {

    public record Request(String path, String body, int answered) {
    }

    static {
        // The JDK server writes response headers and body separately; with Nagle on, the body waits
        // for the client's delayed ACK of the headers (~40 ms per request on loopback). Read once, when
        // the server implementation loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger successes = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    private RecordingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            requests.add(new Request(exchange.getRequestURI().getPath(), body, status));
            if (status == 200) {
                successes.incrementAndGet();
            }
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public static RecordingReceiver start() {
        try {
            return new RecordingReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order. */
    public void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    public void delay(Duration d) {
        this.delay = d;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int successes() {
        return successes.get();
    }

    public void reset() {
        requests.clear();
        script.clear();
        successes.set(0);
        delay = Duration.ZERO;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
