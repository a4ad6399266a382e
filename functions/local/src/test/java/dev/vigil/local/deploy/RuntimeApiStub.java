package dev.vigil.local.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as the runtime interface client sees it, on a free loopback port:
 * {@code GET /runtime/invocation/next} long-polls until the test queues an event, {@code POST
 * /runtime/invocation/{id}/response|error} and {@code /runtime/init/error} complete what the test awaits.
 * The client's native part needs a Content-Type on the next answer (without one it crashes in libc).
 */
final class RuntimeApiStub implements AutoCloseable {

    static final String PREFIX = "/2018-06-01/runtime/";
    static final String TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    /** What the client posted: the path's last part ("response", "error" or init "error"), headers and body. */
    record Posted(String kind, String errorTypeHeader, String body, long receivedNanos) {
    }

    private record Invocation(String requestId, String event, long deadlineMs) {
    }

    private static final Invocation STOP = new Invocation("", "", 0);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api-stub");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Posted>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Posted> initError = new CompletableFuture<>();
    private final String functionArn;

    RuntimeApiStub(String functionName) throws IOException {
        this.functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value for AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event; the future completes when the client posts its response or error for it. */
    CompletableFuture<Posted> invoke(String event, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Posted> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, event, System.currentTimeMillis() + timeout.toMillis()));
        return answer;
    }

    CompletableFuture<Posted> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Posted posted = new Posted(path.substring(path.lastIndexOf('/') + 1),
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
                    new String(body, StandardCharsets.UTF_8), System.nanoTime());
            CompletableFuture<Posted> target;
            if (path.equals("init/error")) {
                target = initError;
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                target = answers.get(path.substring("invocation/".length(), path.lastIndexOf('/')));
            } else {
                target = null;
            }
            if (target == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            // The Runtime API answers 202; the client treats anything else as a failure of its own.
            exchange.sendResponseHeaders(202, -1);
            target.complete(posted);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation = STOP;
        }
        if (invocation == STOP) {
            // Closing without an answer is what the client sees when the Runtime API goes away.
            return;
        }
        byte[] event = invocation.event().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", TRACE_ID);
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    /** Drops the client's waiting next request and stops listening, as when the sandbox shuts down. */
    @Override
    public void close() {
        pending.add(STOP);
        server.stop(1);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
