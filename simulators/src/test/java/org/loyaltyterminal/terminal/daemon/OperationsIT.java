package org.loyaltyterminal.terminal.daemon;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.simulator.bench.DaemonProcess;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;
import org.loyaltyterminal.sync.testing.Ports;
import org.loyaltyterminal.terminal.status.SlowClientsTest;
import org.loyaltyterminal.terminal.systemd.NotifyAddress;
import org.loyaltyterminal.terminal.systemd.UnixDatagramSocket;

/**
 * The packaged daemon as systemd runs it: this test binds the notification socket, sets
 * NOTIFY_SOCKET and WATCHDOG_USEC, and reads READY=1, STATUS=, WATCHDOG=1 and, on SIGTERM,
 * STOPPING=1. Meanwhile the status page, its JSON and the metrics are read over HTTP after a
 * member card was scanned, and the card number appears in none of them.
 */
class OperationsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void systemdHearsReadyStatusWatchdogAndStoppingAndTheStatusPageShowsNoCardNumber() throws Exception {
        Path jar = PackagedJar.path();
        Path config = DemoFiles.write(dir, dir.resolve("scanner"));
        int port = Ports.free();
        DemoFiles.withStatusPage(config, port);
        NotifyAddress address = new NotifyAddress(dir.resolve("notify").toString());
        String card = DemoFiles.memberCard(57);
        List<String> notifications = new ArrayList<>();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address);
                PseudoTerminal scanner = PseudoTerminal.openLinkedAt(dir.resolve("scanner"));
                DaemonProcess daemon = DaemonProcess.start(
                        jar, config, Map.of("NOTIFY_SOCKET", address.value(), "WATCHDOG_USEC", "2000000"))) {
            String ready = next(systemd, notifications, m -> m.contains("READY=1"), daemon);
            assertTrue(ready.contains("STATUS=running: scanner"), "ready with a status line: " + ready);
            next(systemd, notifications, m -> m.equals("WATCHDOG=1"), daemon);

            // Scans commit and the page answers while 300 connections dribble never-ending request heads.
            try (SlowClientsTest.Dribblers slow = new SlowClientsTest.Dribblers(port, 300)) {
                slow.start();
                slow.awaitBytesSent(600, Duration.ofSeconds(60));
                scanner.write(("]E0" + card + "\r").getBytes(US_ASCII));
                scanner.write(("]C0" + DemoFiles.receipt(77, 1_250) + "\r").getBytes(US_ASCII));
                assertTrue(
                        daemon.await(l -> l.contains("accepted: receipt 0000000077"), Duration.ofSeconds(15))
                                .isPresent(),
                        "receipt accepted while slow clients are connected: " + daemon.output());
                long started = System.nanoTime();
                String reply = SlowClientsTest.normalGet(port, Duration.ofSeconds(10));
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertTrue(
                        reply.startsWith("HTTP/1.1 200") && millis < 1_000,
                        "a normal GET within 1 s under slow clients: " + millis + " ms, "
                                + reply.lines().findFirst().orElse(""));
            }

            HttpClient http = HttpClient.newHttpClient();

            String json = get(http, port, "/status.json");

            JsonNode status = new ObjectMapper().readTree(json);
            // The figures are cached for up to 5 s; wait for them to include the visit.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (status.get("today").get("visits").asLong() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                json = get(http, port, "/status.json");
                status = new ObjectMapper().readTree(json);
            }
            assertEquals(1, status.get("today").get("visits").asLong(), json);
            assertEquals(1, status.get("today").get("membersSeen").asLong(), json);
            assertEquals(1, status.get("today").get("enrolments").asLong(), json);
            assertTrue(status.get("today").get("points").asLong() > 0, json);
            assertEquals("connected", status.get("devices").get(0).get("state").asText(), json);
            assertFalse(status.get("devices").get(0).get("lastRead").isNull(), "the scanner's last read: " + json);
            assertEquals(
                    2, status.get("hqLink").get("outboxDepth").asLong(), "enrolment and points wait for HQ: " + json);
            String page = get(http, port, "/");
            String metrics = get(http, port, "/metrics");
            for (String body : List.of(page, json, metrics)) {
                assertFalse(body.contains(card), "the card number never appears: " + body);
                assertFalse(body.contains(card.substring(card.length() - 8)), "nor a long part of it: " + body);
            }
            assertTrue(metrics.contains("loyalty_today_visits 1\n"), metrics);
            assertTrue(daemon.output().stream().noneMatch(l -> l.contains(card)), "nor the log: " + daemon.output());

            Process cli = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-jar",
                            jar.toString(),
                            "status",
                            "--config",
                            config.toString())
                    .redirectErrorStream(true)
                    .start();
            String summary = new String(cli.getInputStream().readAllBytes(), UTF_8);
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, cli.exitValue(), summary);
            assertTrue(
                    summary.contains("scanner:  connected")
                            && summary.contains("1 visits, 1 members seen (1 new)")
                            && summary.contains("HQ link:  not configured; outbox 2 events"),
                    summary);
            assertFalse(summary.contains(card), summary);

            assertEquals(
                    0, daemon.terminate(Duration.ofSeconds(15)), daemon.output().toString());
            next(systemd, notifications, m -> m.startsWith("STOPPING=1"), daemon);
            assertTrue(
                    daemon.output().stream()
                            .noneMatch(l -> (l.startsWith("WARN") || l.startsWith("ERROR"))
                                    && !l.contains("status page under pressure")),
                    "a clean run logs no warning but the slow clients': " + daemon.output());
        }
    }

    private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static String next(
            UnixDatagramSocket systemd, List<String> seen, Predicate<String> wanted, DaemonProcess daemon) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> datagram = systemd.receive(Duration.ofMillis(500), 4096);
            if (datagram.isPresent()) {
                String message = new String(datagram.get(), UTF_8);
                seen.add(message);
                if (wanted.test(message)) {
                    return message;
                }
            }
        }
        throw new AssertionError(
                "no such notification within " + WAIT + "; received " + seen + "; daemon output " + daemon.output());
    }
}
