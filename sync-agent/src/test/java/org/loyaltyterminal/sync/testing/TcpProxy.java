package org.loyaltyterminal.sync.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A loopback TCP proxy in front of a broker, for fault injection. Clients connect to
 * {@link #url()}; every connection is forwarded to {@code 127.0.0.1:targetPort} until the test
 * cuts it ({@link #cutAll()}, {@link #cutAfterBytes(long)}), or stalls it ({@link #stall()}:
 * nothing is forwarded either way and nothing is closed, the "connected but nothing flows" case)
 * and later {@link #resume()}s it. New connections are accepted in every state; while stalled they
 * stall too.
 */
public final class TcpProxy implements AutoCloseable {
    private static final long NO_CUT = Long.MAX_VALUE;

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong cutAt = new AtomicLong(NO_CUT);
    private final AtomicLong cuts = new AtomicLong();
    private volatile boolean stalled;
    private volatile boolean closed;

    private TcpProxy(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
    }

    /** Listens on a free loopback port and forwards to {@code targetPort}. */
    public static TcpProxy to(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(targetPort, server);
            Thread.ofPlatform()
                    .name("tcp-proxy-accept-" + server.getLocalPort())
                    .daemon(true)
                    .start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("proxy to port " + targetPort + " cannot listen", e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes forwarded so far, both directions together. */
    public long bytesForwarded() {
        return forwarded.get();
    }

    /** Connections cut so far, by any cause. */
    public long cuts() {
        return cuts.get();
    }

    /** Closes every open connection now (both sides see a reset or EOF); new ones are accepted. */
    public void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** Cuts every connection once {@code bytes} more bytes have been forwarded, mid-packet if so. */
    public void cutAfterBytes(long bytes) {
        cutAt.set(forwarded.get() + bytes);
    }

    /** Cuts at a random point between {@code bytes} and {@code 2 * bytes} more bytes from now. */
    public void cutAtRandomPointAfter(long bytes, RandomGenerator random) {
        cutAfterBytes(bytes + random.nextLong(bytes + 1));
    }

    /** Stops forwarding both ways without closing anything. */
    public void stall() {
        stalled = true;
    }

    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        closeQuietly(server);
        cutAll();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                // Forward each read as it comes: with Nagle on, the proxy itself would add ~40 ms
                // delays to MQTT's small packets.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client); // broker down: the client sees the refusal as a drop
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            String name = "tcp-proxy-" + server.getLocalPort() + "-" + client.getPort();
            Thread.ofPlatform().name(name + "-up").daemon(true).start(() -> pump(client, upstream));
            Thread.ofPlatform().name(name + "-down").daemon(true).start(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitNotStalled();
                long before = forwarded.getAndAdd(n);
                long limit = cutAt.get();
                if (before + n >= limit) {
                    int part = (int) Math.max(0, limit - before);
                    out.write(buffer, 0, part);
                    out.flush();
                    cutAt.set(NO_CUT);
                    cutAll();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut, by us or by either side
        } catch (IOException e) {
            // the same: a connection ends, the proxy carries on
        } finally {
            boolean wasOpen = sockets.remove(from) || sockets.remove(to);
            if (wasOpen) {
                cuts.incrementAndGet();
            }
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitNotStalled() throws IOException {
        synchronized (gate) {
            while (stalled && !closed) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while stalled", e);
                }
            }
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing a dead socket
        }
    }
}
