package org.loyaltyterminal.terminal.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loyaltyterminal.device.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page over HTTP: {@code /} (HTML), {@code /status.json} and {@code /metrics}, GET and
 * HEAD only, one request per connection.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it reads a request's head on the request
 * thread with no time limit, so two connections that send a header line every few seconds held
 * both request threads and every other request waited, before the token was even looked at (issue
 * 14). Its {@code sun.net.httpserver.*} limits are JVM-wide system properties, and its connection
 * limit refuses new connections once slow ones fill it. Here one thread ({@code status-http})
 * accepts and reads every connection without blocking, and only a complete head reaches the two
 * request threads, which take the snapshot and render it. Bounds:
 * <ul>
 *   <li>a request head must arrive whole within {@value #REQUEST_TIMEOUT_SECONDS} s of the
 *       connection, however slowly it trickles, and fit in {@value #MAX_HEAD_BYTES} bytes; a body
 *       is never waited for (the server is read-only) and is read and dropped after the reply;
 *   <li>at most {@value #MAX_CONNECTIONS} connections are open; when a new one arrives at the
 *       limit, the oldest one still sending its request is closed to make room, so slow clients
 *       can hold slots only until newer clients need them, never lock everyone out;
 *   <li>a reply must be taken by the client within {@value #REPLY_TIMEOUT_SECONDS} s;
 *   <li>two request threads and {@value #QUEUE} requests waiting; beyond that, 503 at once: a
 *       few phones and a scraper are the whole audience, and a flood must not take the till's CPU.
 * </ul>
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    static final int MAX_CONNECTIONS = 128;
    static final int MAX_HEAD_BYTES = 8192;
    static final int REQUEST_TIMEOUT_SECONDS = 5;
    static final int REPLY_TIMEOUT_SECONDS = 10;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(REPLY_TIMEOUT_SECONDS);
    /** After the reply, how long the client's unread bytes are drained before the socket closes. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private static final Duration REPORT_EVERY = Duration.ofMinutes(1);
    private static final int THREADS = 2;
    private static final int QUEUE = 32;
    private static final int BACKLOG = 128;
    /** Accepting stops for a round after this many, so the heads already here get read. */
    private static final int ACCEPTS_PER_ROUND = 32;

    private static final long SELECT_MILLIS = 100;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final StatusResponder responder;
    private final Ticker ticker;
    private final Thread loop;
    /** Owned by the loop thread; in order of arrival, so the first evictable one is the oldest. */
    private final Set<Connection> connections = new LinkedHashSet<>();

    private final Queue<Runnable> replies = new ConcurrentLinkedQueue<>();
    private final ByteBuffer drain = ByteBuffer.allocate(4096);
    private volatile boolean running = true;
    private final Pressure pressure = new Pressure();

    private StatusServer(
            ServerSocketChannel listener,
            Selector selector,
            ThreadPoolExecutor workers,
            StatusResponder responder,
            Ticker ticker) {
        this.listener = listener;
        this.selector = selector;
        this.workers = workers;
        this.responder = responder;
        this.ticker = ticker;
        this.loop = Thread.ofPlatform()
                .name("status-http")
                .daemon(true)
                .uncaughtExceptionHandler((t, e) -> log.error("{} failed; the status page is off", t.getName(), e))
                .unstarted(this::run);
    }

    /**
     * Binds and starts serving.
     *
     * @throws StatusException when the address cannot be bound (in use, not on this machine)
     */
    public static StatusServer start(InetSocketAddress address, Optional<ManagerToken> token, StatusService status) {
        ServerSocketChannel listener = null;
        Selector selector = null;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(address, BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly(listener);
            closeQuietly(selector);
            throw new StatusException(
                    "status.listen " + address + " cannot be bound (" + e.getMessage()
                            + "); choose a free port on an address of this machine, or set status.listen = off",
                    e);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                runnable -> Thread.ofPlatform()
                        .name("status-request-" + count.incrementAndGet())
                        .daemon(true)
                        .uncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e))
                        .unstarted(runnable));
        StatusServer server =
                new StatusServer(listener, selector, workers, new StatusResponder(token, status), Ticker.system());
        server.loop.start();
        String host = address.getAddress().getHostAddress();
        log.info(
                "status page on http://{}:{}/{}",
                host.contains(":") ? "[" + host + "]" : host,
                server.port(),
                token.isPresent() ? " (manager token required)" : "");
        return server;
    }

    /** The bound port (useful when configured as 0 in tests). */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new StatusException("status server: the listening socket is closed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            log.warn("status server: {} did not stop within 2 s; closing its sockets under it", loop.getName());
            closeQuietly(selector);
            closeQuietly(listener);
        }
    }

    private enum Phase {
        /** The request head is arriving; evictable. */
        READING,
        /** A request thread has the head; the connection waits for its reply. */
        ANSWERING,
        WRITING,
        /** The reply is out; the client's leftover bytes are drained until it closes; evictable. */
        LINGERING
    }

    /** One client connection; touched only by the loop thread. */
    private static final class Connection {
        final SocketChannel channel;
        SelectionKey key;
        Phase phase = Phase.READING;
        long deadline;
        final byte[] in = new byte[MAX_HEAD_BYTES];
        int filled;
        ByteBuffer out;

        Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        boolean evictable() {
            return phase == Phase.READING || phase == Phase.LINGERING;
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(SELECT_MILLIS);
                for (Runnable reply; (reply = replies.poll()) != null; ) {
                    reply.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof Connection c) {
                        if (key.isReadable()) {
                            read(c);
                        } else if (key.isWritable()) {
                            write(c);
                        }
                    }
                }
                expire();
                pressure.report(ticker.nanos());
            }
        } catch (IOException e) {
            log.error(
                    "status server: the selector failed ({}); the status page is off until the service restarts",
                    e.getMessage());
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                close(c);
            }
            closeQuietly(selector);
            closeQuietly(listener);
        }
    }

    private void accept() throws IOException {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel = listener.accept();
            if (channel == null) {
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS && !evictOldest()) {
                pressure.refused++;
                closeQuietly(channel);
                continue;
            }
            Connection c = new Connection(channel, ticker.nanos() + REQUEST_TIMEOUT.toNanos());
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.key = channel.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException e) {
                closeQuietly(channel);
                continue;
            }
            connections.add(c);
            // A normal client sends its request with the connection: read it now, before newer
            // connections could push this one out.
            read(c);
        }
    }

    private boolean evictOldest() {
        for (Connection c : connections) {
            if (c.evictable()) {
                if (c.phase == Phase.READING) {
                    pressure.evicted++;
                }
                close(c);
                return true;
            }
        }
        return false;
    }

    private void read(Connection c) {
        try {
            if (c.phase == Phase.LINGERING) {
                int n;
                do {
                    drain.clear();
                    n = c.channel.read(drain);
                } while (n > 0);
                if (n < 0) {
                    close(c);
                }
                return;
            }
            if (c.phase != Phase.READING) {
                return;
            }
            int n = c.channel.read(ByteBuffer.wrap(c.in, c.filled, c.in.length - c.filled));
            if (n < 0) {
                close(c);
                return;
            }
            c.filled += n;
        } catch (IOException e) {
            close(c);
            return;
        }
        switch (HttpHead.parse(c.in, c.filled)) {
            case HttpHead.Parse.Incomplete _ -> {
                if (c.filled == c.in.length) {
                    reply(
                            c,
                            StatusReply.text(431, "the request head is longer than " + MAX_HEAD_BYTES + " bytes\n"),
                            false);
                }
            }
            case HttpHead.Parse.Malformed m -> reply(c, StatusReply.text(400, m.why() + "\n"), false);
            case HttpHead.Parse.Complete done -> answer(c, done.head());
        }
    }

    private void answer(Connection c, HttpHead head) {
        c.phase = Phase.ANSWERING;
        c.key.interestOps(0);
        boolean headOnly = head.method().equals("HEAD");
        try {
            workers.execute(() -> {
                StatusReply reply;
                try {
                    reply = responder.respond(head);
                } catch (RuntimeException e) {
                    log.error("status page: answering {} {} failed", head.method(), head.path(), e);
                    reply = StatusReply.text(500, "the status page failed; the daemon's log says why\n");
                }
                StatusReply done = reply;
                replies.add(() -> reply(c, done, headOnly));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            pressure.busy++;
            reply(c, StatusReply.text(503, "busy; try again in a few seconds\n", Map.of("Retry-After", "5")), false);
        }
    }

    private void reply(Connection c, StatusReply reply, boolean headOnly) {
        if (!c.channel.isOpen()) {
            return;
        }
        c.phase = Phase.WRITING;
        c.out = ByteBuffer.wrap(reply.bytes(headOnly));
        c.deadline = ticker.nanos() + REPLY_TIMEOUT.toNanos();
        c.key.interestOps(SelectionKey.OP_WRITE);
        write(c);
    }

    private void write(Connection c) {
        try {
            c.channel.write(c.out);
            if (c.out.hasRemaining()) {
                return;
            }
            c.channel.shutdownOutput();
        } catch (IOException e) {
            close(c);
            return;
        }
        // Closing now with the client's bytes unread (a POST's body) would reset the connection and
        // could destroy the reply in flight: drain until the client closes, for a short while.
        c.phase = Phase.LINGERING;
        c.deadline = ticker.nanos() + LINGER.toNanos();
        c.key.interestOps(SelectionKey.OP_READ);
        read(c);
    }

    private void expire() {
        long now = ticker.nanos();
        for (Connection c : new ArrayList<>(connections)) {
            if (c.phase != Phase.ANSWERING && now - c.deadline > 0) {
                if (c.phase == Phase.READING) {
                    pressure.timedOut++;
                }
                close(c);
            }
        }
    }

    private void close(Connection c) {
        connections.remove(c);
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing what is already broken: nothing left to do with it
        }
    }

    /**
     * Counts what the bounds cut off and says so at most once a minute: one line per burst, not
     * one per connection. A request that timed out alone is no warning: browsers open spare
     * connections they never use.
     */
    private static final class Pressure {
        long evicted;
        long refused;
        long busy;
        long timedOut;
        private long lastReport = Long.MIN_VALUE;

        void report(long now) {
            if (evicted + refused + busy + timedOut == 0
                    || (lastReport != Long.MIN_VALUE && now - lastReport < REPORT_EVERY.toNanos())) {
                return;
            }
            lastReport = now;
            if (evicted + refused + busy > 0) {
                log.warn(
                        "status page under pressure: {} connections closed to make room for new ones (at most {} open), "
                                + "{} refused, {} requests answered 'busy', {} closed for not sending a request within {} s; "
                                + "some client on the network is slow or hostile; the till works on",
                        evicted,
                        MAX_CONNECTIONS,
                        refused,
                        busy,
                        timedOut,
                        REQUEST_TIMEOUT_SECONDS);
            } else {
                log.debug(
                        "status page: {} connections closed for not sending a request within {} s",
                        timedOut,
                        REQUEST_TIMEOUT_SECONDS);
            }
            evicted = 0;
            refused = 0;
            busy = 0;
            timedOut = 0;
        }
    }
}
