package com.partnerchannel.licensing.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The JDK's HTTP server in front of the {@link LocalGateway}: binds first (so that {@code --port 0}
 * has its real port before the issuer is named), serves once {@link #start} is given the gateway, and
 * logs one line per request.
 */
final class LocalHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** The port is taken (by an earlier runner, most often): a line and a hint are enough, not a stack trace. */
    static final class PortInUse extends IllegalArgumentException {
        PortInUse(String host, int port) {
            super(host + ":" + port + " is in use (by another runner still running?)");
        }

        String hint() {
            return "--port 0 picks a free port; or stop what listens there";
        }
    }

    static LocalHttpServer bind(String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
                Thread thread = new Thread(task, "local-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            return new LocalHttpServer(server, executor);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) throw new PortInUse(host, port);
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(Function<LocalGateway.Request, LocalGateway.Response> gateway) {
        server.createContext("/", exchange -> serve(exchange, gateway));
        server.start();
    }

    private static void serve(HttpExchange exchange, Function<LocalGateway.Request, LocalGateway.Response> gateway)
            throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        int status = 500;
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            LocalGateway.Response response;
            try {
                response = gateway.apply(new LocalGateway.Request(method, path, query, headers, body));
            } catch (RuntimeException e) {
                e.printStackTrace();
                response = GatewayProblems.internalError("the local gateway failed: " + e);
            }
            status = response.status();
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
            byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = bytes.length == 0 || status == 204 || status == 304 || method.equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // The query is left out: a search (q=) may be a name or an email address.
            LOG.atInfo().addKeyValue("method", method).addKeyValue("path", path).addKeyValue("status", status)
                    .addKeyValue("latencyMs", millis).log(method + " " + path + " " + status + " in " + millis + " ms");
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
