package org.loyaltyterminal.terminal.status;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page over HTTP with the JDK's own server: {@code /} (HTML), {@code /status.json} and
 * {@code /metrics}. Read-only: GET and HEAD, anything else is 405. When a manager token is set,
 * every request must carry it, as {@code Authorization: Bearer TOKEN} (scripts, Prometheus) or as
 * the password of HTTP Basic (a phone's browser asks for it once); the user name is ignored.
 *
 * <p>Two request threads, a bounded pool: a few phones and a scraper are the whole audience, and
 * a flood of requests must queue rather than starve the till of CPU.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final int THREADS = 2;
    private static final int BACKLOG = 16;
    private static final String REALM = "Basic realm=\"loyalty-terminal status\", charset=\"UTF-8\"";

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving.
     *
     * @throws StatusException when the address cannot be bound (in use, not on this machine)
     */
    public static StatusServer start(InetSocketAddress address, Optional<ManagerToken> token, StatusService status) {
        HttpServer server;
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new StatusException("status.listen " + address + " cannot be bound (" + e.getMessage()
                    + "); choose a free port on an address of this machine, or set status.listen = off", e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> Thread.ofPlatform()
                .name("status-http-" + count.incrementAndGet()).daemon(true)
                .uncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e))
                .unstarted(runnable));
        server.setExecutor(executor);
        Handler handler = new Handler(token, status);
        server.createContext("/", handler::handle);
        server.start();
        log.info("status page on http://{}/{}", address.getAddress().getHostAddress().contains(":")
                ? "[" + address.getAddress().getHostAddress() + "]:" + server.getAddress().getPort()
                : address.getAddress().getHostAddress() + ":" + server.getAddress().getPort(),
                token.isPresent() ? " (manager token required)" : "");
        return new StatusServer(server, executor);
    }

    /** The bound port (useful when configured as 0 in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Handler {
        private final Optional<ManagerToken> token;
        private final StatusService status;
        private final StatusHtml html = new StatusHtml();
        private final StatusJson json = new StatusJson();
        private final StatusMetrics metrics = new StatusMetrics();
        private volatile String lastFailure = "";

        Handler(Optional<ManagerToken> token, StatusService status) {
            this.token = token;
            this.status = status;
        }

        void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                Headers headers = exchange.getResponseHeaders();
                headers.set("Cache-Control", "no-store");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
                if (token.isPresent() && !authorised(exchange, token.get())) {
                    headers.set("WWW-Authenticate", REALM);
                    text(exchange, 401, "the status page needs the manager token\n");
                    return;
                }
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    headers.set("Allow", "GET, HEAD");
                    text(exchange, 405, "the status page is read-only: use GET or HEAD\n");
                    return;
                }
                Optional<Page> page = switch (exchange.getRequestURI().getPath()) {
                    case "/", "/status" -> Optional.of(new Page("text/html; charset=utf-8", html::render));
                    case "/status.json" -> Optional.of(new Page("application/json; charset=utf-8", json::render));
                    case "/metrics" -> Optional.of(new Page(StatusMetrics.CONTENT_TYPE, metrics::render));
                    default -> Optional.empty();
                };
                if (page.isEmpty()) {
                    text(exchange, 404, "not found; try /, /status.json or /metrics\n");
                    return;
                }
                StatusSnapshot snapshot;
                try {
                    snapshot = status.snapshot();
                    lastFailure = "";
                } catch (RuntimeException e) {
                    String message = String.valueOf(e.getMessage());
                    if (!message.equals(lastFailure)) {
                        lastFailure = message;
                        log.warn("status page: cannot take a snapshot: {}", message);
                    }
                    text(exchange, 503, "status unavailable: " + message + "\n");
                    return;
                }
                send(exchange, 200, page.get().contentType(), page.get().render().apply(snapshot));
            }
        }

        private record Page(String contentType, Function<StatusSnapshot, byte[]> render) {}

        private static boolean authorised(HttpExchange exchange, ManagerToken token) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null) {
                return false;
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return token.matches(header.substring(7).strip());
            }
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return colon >= 0 && token.matches(decoded.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            return false;
        }

        private static void text(HttpExchange exchange, int code, String body) throws IOException {
            send(exchange, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }

        private static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
