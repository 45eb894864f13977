package org.loyaltyterminal.hq.figures;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loyaltyterminal.hq.HqException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ's small HTTP endpoint (JDK {@code HttpServer}): {@code GET /figures} (a scope's figures as
 * JSON), {@code GET /metrics} (Prometheus text format 0.0.4: the figures per chain and store, and
 * whatever the caller's {@link ServiceMetrics} writes) and {@code GET /health} (200 "ok", or 503
 * with the {@link Health}'s reason). Any other path is 404, any other method 405, a bad query 400
 * with a plain message. Requests run on a small executor of its own, with a bounded queue: a
 * connection that arrives when it is full is closed unanswered. It has no authentication and no
 * TLS: bind it to a private address (see docs/hq-tool.md, "Programme figures").
 */
public final class FiguresHttp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FiguresHttp.class);
    private static final int THREADS = 4;
    private static final int QUEUE = 32;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Set<String> FIGURES_PARAMETERS = Set.of("chain", "store", "from", "to");

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final FiguresSource figures;
    private final FiguresMetrics metrics;
    private final ZoneId zone;
    private final InstantSource clock;
    private final ServiceMetrics serviceMetrics;
    private final Health health;
    private final FiguresJson json = new FiguresJson();

    /**
     * Where it listens and how.
     *
     * @param bind          address and port (port 0: any free one, see {@link #address()})
     * @param zone          the zone of the figures' local days
     * @param metricsMaxAge how long computed figures serve {@code /metrics} before they are computed again
     */
    public record Settings(InetSocketAddress bind, ZoneId zone, Duration metricsMaxAge) {}

    /** Writes the caller's own metrics (service counters) into each {@code /metrics} answer. */
    @FunctionalInterface
    public interface ServiceMetrics {
        void write(PrometheusText out);
    }

    /** Whether the service is healthy: empty when it is, else why not (one line). */
    @FunctionalInterface
    public interface Health {
        Optional<String> problem();
    }

    private record Response(int status, String contentType, String body) {}

    private FiguresHttp(
            HttpServer server,
            ThreadPoolExecutor executor,
            Settings settings,
            FiguresSource figures,
            InstantSource clock,
            ServiceMetrics serviceMetrics,
            Health health) {
        this.server = server;
        this.executor = executor;
        this.figures = figures;
        this.zone = settings.zone();
        this.clock = clock;
        this.serviceMetrics = serviceMetrics;
        this.health = health;
        this.metrics = new FiguresMetrics(figures, settings.zone(), clock, settings.metricsMaxAge());
    }

    /** Binds and starts serving; fails with what to do when the address cannot be bound. */
    public static FiguresHttp start(
            Settings settings,
            FiguresSource figures,
            InstantSource clock,
            ServiceMetrics serviceMetrics,
            Health health) {
        HttpServer server;
        try {
            server = HttpServer.create(settings.bind(), 0);
        } catch (IOException e) {
            throw new HqException(
                    "HTTP: cannot listen on " + settings.bind() + " (" + e.getMessage()
                            + "); choose a free port and an address of this host",
                    e);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                threads(),
                new ThreadPoolExecutor.AbortPolicy()); // the server closes a connection it cannot hand over
        FiguresHttp http = new FiguresHttp(server, executor, settings, figures, clock, serviceMetrics, health);
        server.createContext("/", http::handle);
        server.setExecutor(executor);
        server.start();
        log.info("HTTP: figures, metrics and health on {}", http.address());
        return http;
    }

    /** Where it listens (the actual port when it was given as 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Response response;
            if (!path.equals("/figures") && !path.equals("/metrics") && !path.equals("/health")) {
                response = new Response(404, TEXT, "not found: the paths are /figures, /metrics and /health\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                response = new Response(405, TEXT, "only GET is allowed\n");
            } else {
                response = switch (path) {
                    case "/figures" -> figures(exchange.getRequestURI().getRawQuery());
                    case "/metrics" -> metrics();
                    default -> health();
                };
            }
            send(exchange, response);
        } catch (IOException e) {
            log.debug("HTTP: answering {} failed: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("HTTP: {} failed", exchange.getRequestURI().getRawPath(), e);
            if (exchange.getResponseCode() < 0) { // nothing sent yet
                try {
                    send(exchange, new Response(500, TEXT, "internal error; HQ's log says more\n"));
                } catch (IOException | RuntimeException ignored) {
                    // the client learns from the closed connection
                }
            }
        }
    }

    private Response figures(String rawQuery) {
        Scope scope;
        ReportPeriod period;
        try {
            QueryParameters query = QueryParameters.parse(rawQuery, FIGURES_PARAMETERS);
            scope = new Scope(
                    query.get("chain").orElseThrow(() -> new FiguresRequestException("parameter 'chain' is missing")),
                    query.get("store"));
            period = ReportPeriod.of(
                    query.get("from").map(text -> ReportPeriod.date("from", text)),
                    query.get("to").map(text -> ReportPeriod.date("to", text)),
                    LocalDate.ofInstant(clock.instant(), zone),
                    zone);
        } catch (FiguresRequestException e) {
            return new Response(400, TEXT, "bad request: " + e.getMessage() + "\n");
        }
        try {
            return new Response(200, JSON, json.write(figures.figures(scope, period)));
        } catch (HqException e) {
            log.warn("HTTP: the figures of {} could not be computed: {}", scope.describe(), e.getMessage());
            return new Response(503, TEXT, "the figures could not be computed just now; HQ's log says why\n");
        }
    }

    private Response metrics() {
        PrometheusText out = new PrometheusText();
        metrics.write(out);
        try {
            serviceMetrics.write(out);
        } catch (RuntimeException e) {
            log.warn("HTTP: the service's metrics could not be written", e);
        }
        return new Response(200, PrometheusText.CONTENT_TYPE, out.text());
    }

    private Response health() {
        Optional<String> problem;
        try {
            problem = health.problem();
        } catch (RuntimeException e) {
            problem = Optional.of("the health check failed: " + e.getMessage());
        }
        return problem.map(reason -> new Response(503, TEXT, reason.strip() + "\n"))
                .orElseGet(() -> new Response(200, TEXT, "ok\n"));
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) { // refused with 405, but it must not carry a body
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "figures-http-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops listening, ends the exchanges under way and the executor's threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("HTTP: request threads still running 5 s after stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("HTTP: stopped listening on {}", address());
    }
}
