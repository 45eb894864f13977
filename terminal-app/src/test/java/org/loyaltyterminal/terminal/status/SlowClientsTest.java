package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The attack from issue 14: many connections that each send their request head a byte at a time
 * and never finish it. Over real sockets on loopback, 500 of them dribble while a normal request
 * must still be answered within a second. The times measured are kept in
 * target/slow-clients.txt.
 */
public class SlowClientsTest {
    private static final int SLOW_CLIENTS = 500;
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(1);
    private static final Path REPORT = Path.of("target", "slow-clients.txt");

    @Test
    void fiveHundredDribblingConnectionsDoNotDelayANormalRequest() throws Exception {
        StatusFixtures fixtures = new StatusFixtures();
        try (StatusServer server = StatusServer.start(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Optional.empty(),
                        fixtures.service());
                Dribblers slow = new Dribblers(server.port(), SLOW_CLIENTS)) {
            slow.start();
            slow.awaitBytesSent(2L * SLOW_CLIENTS, Duration.ofSeconds(60));
            List<Long> millis = new ArrayList<>();
            // Keep asking until the server has closed every slow connection at least once (for
            // taking too long or to make room), so both bounds were at work during the requests.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (slow.connects.get() < 2L * SLOW_CLIENTS || millis.size() < 10) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "the server closed slow connections: reopened " + (slow.connects.get() - SLOW_CLIENTS) + " of "
                                + SLOW_CLIENTS + " within 90 s");
                long started = System.nanoTime();
                String reply;
                try {
                    reply = normalGet(server.port(), Duration.ofSeconds(10));
                } catch (SocketTimeoutException e) {
                    throw new AssertionError(
                            "a normal GET got no answer within 10 s while " + SLOW_CLIENTS
                                    + " connections dribble (answers so far, ms: " + millis + ")",
                            e);
                }
                millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertTrue(
                        reply.startsWith("HTTP/1.1 200"),
                        "a normal GET is answered: " + reply.lines().findFirst().orElse(""));
                assertTrue(reply.contains("\"schema\""), "with the JSON: " + reply);
                // pacing, not waiting: a request every 200 ms is a busy manager, not a flood
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            long worst = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            long median =
                    millis.stream().sorted().skip(millis.size() / 2).findFirst().orElseThrow();
            Files.createDirectories(REPORT.getParent());
            Files.writeString(
                    REPORT,
                    millis.size() + " normal GETs of /status.json under " + SLOW_CLIENTS
                            + " dribbling connections: median " + median + " ms, worst " + worst
                            + " ms; slow connections opened " + slow.connects.get()
                            + ", bytes dribbled " + slow.bytes.get() + "\n");
            assertTrue(
                    worst < ANSWER_LIMIT.toMillis(),
                    "every normal GET within " + ANSWER_LIMIT.toMillis() + " ms while " + SLOW_CLIENTS
                            + " connections dribble; took " + millis + " ms");
            assertTrue(slow.stillDribbling(), "the slow clients were still at it while the normal requests ran");
        }
    }

    /** A complete GET with HTTP/1.1 on a fresh socket; returns the whole reply (the server closes). */
    public static String normalGet(int port, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream()
                    .write("GET /status.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            return new String(all, StandardCharsets.UTF_8);
        }
    }

    /**
     * One thread that keeps {@code count} connections open and sends each the next byte of a
     * request head that never ends, one byte per connection per round; a connection the server
     * closed is opened again at its next turn, so the pressure never lets up.
     */
    public static final class Dribblers implements AutoCloseable {
        private static final byte[] HEAD =
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        private static final Duration ROUND = Duration.ofMillis(500);

        private final int port;
        private final Socket[] sockets;
        private final int[] sent;
        final AtomicLong connects = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        private final AtomicLong lastRoundNanos = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        public Dribblers(int port, int count) {
            this.port = port;
            this.sockets = new Socket[count];
            this.sent = new int[count];
            this.thread = Thread.ofPlatform().name("dribblers").daemon(true).unstarted(this::run);
        }

        public void start() {
            thread.start();
        }

        public void awaitBytesSent(long atLeast, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (bytes.get() < atLeast) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "the slow clients sent " + bytes.get() + " of " + atLeast + " bytes within "
                                + within.toSeconds() + " s");
                LockSupport.parkNanos(10_000_000);
            }
        }

        boolean stillDribbling() {
            return running
                    && System.nanoTime() - lastRoundNanos.get()
                            < Duration.ofSeconds(10).toNanos();
        }

        private void run() {
            while (running) {
                long roundStart = System.nanoTime();
                for (int i = 0; i < sockets.length && running; i++) {
                    dribble(i);
                }
                lastRoundNanos.set(System.nanoTime());
                long rest = ROUND.toNanos() - (System.nanoTime() - roundStart);
                if (rest > 0) {
                    LockSupport.parkNanos(rest);
                }
            }
        }

        private void dribble(int i) {
            try {
                if (sockets[i] == null) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                    sockets[i] = socket;
                    sent[i] = 0;
                    connects.incrementAndGet();
                }
                OutputStream out = sockets[i].getOutputStream();
                out.write(sent[i] < HEAD.length ? HEAD[sent[i]] : 'a');
                out.flush();
                sent[i]++;
                bytes.incrementAndGet();
            } catch (IOException e) {
                closeQuietly(i);
            }
        }

        private void closeQuietly(int i) {
            if (sockets[i] != null) {
                try {
                    sockets[i].close();
                } catch (IOException ignored) {
                    // already gone: the server closed it, which is what it should do to slow clients
                }
                sockets[i] = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(Duration.ofSeconds(30));
            for (int i = 0; i < sockets.length; i++) {
                closeQuietly(i);
            }
        }
    }
}
