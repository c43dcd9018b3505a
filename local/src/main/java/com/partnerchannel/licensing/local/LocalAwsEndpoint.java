package com.partnerchannel.licensing.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loopback endpoint the functions' EventBridge and SES clients are pointed at: PutEvents (by its
 * {@code X-Amz-Target}) to the local bus, SendEmail (by its path) to the local SES, anything else a 400.
 */
final class LocalAwsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "local-aws");
        thread.setDaemon(true);
        return thread;
    });
    private final LocalEventBridge bus;
    private final LocalSes ses;

    private LocalAwsEndpoint(LocalEventBridge bus, LocalSes ses) {
        this.bus = bus;
        this.ses = ses;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local AWS endpoint", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
    }

    static LocalAwsEndpoint start(LocalEventBridge bus, LocalSes ses) {
        LocalAwsEndpoint endpoint = new LocalAwsEndpoint(bus, ses);
        endpoint.server.start();
        return endpoint;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String answer;
            String type = "application/json";
            int status = 200;
            if (LocalEventBridge.PUT_EVENTS_TARGET.equals(target)) {
                answer = bus.putEvents(body);
                type = "application/x-amz-json-1.1";
            } else if (exchange.getRequestURI().getPath().equals(LocalSes.SEND_EMAIL_PATH)) {
                answer = ses.sendEmail(body);
            } else {
                status = 400;
                answer = "{\"message\":\"the local AWS endpoint answers EventBridge PutEvents and SES v2 SendEmail only\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
