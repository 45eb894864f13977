package org.loyaltyterminal.simulator.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.loyaltyterminal.device.DeviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network receipt printer (the raw port 9100 kind) on a loopback {@link ServerSocket}: each
 * connection feeds the {@link PrinterEmulator} behind it, and status replies go back on the same
 * connection. Port 0 takes any free port; {@link #address()} tells which.
 *
 * <p>Fault switch: {@link #powerOff()} closes the listener and every connection, as switching
 * the printer off does; {@link #powerOn()} listens again on the same port. For a printer that
 * stops reading, see {@link PrinterEmulator#stall(boolean)}.
 *
 * <p>One named platform thread accepts, one more serves each connection. {@link #close()} is
 * final and waits for them, at most two seconds each.
 */
public final class TcpPrinterEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpPrinterEmulator.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The listener's receive buffer, inherited by each connection. Small like a printer's input
     * buffer, so that a stalled printer pushes back on the sender after a few kilobytes.
     */
    private static final int RECEIVE_BUFFER = 4096;

    private final PrinterEmulator printer;
    private final Object power = new Object();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionNumber = new AtomicInteger();
    // Guarded by power.
    private Optional<ServerSocket> server = Optional.empty();
    private boolean closed;
    private volatile int port;

    private TcpPrinterEmulator(PrinterEmulator printer) {
        this.printer = printer;
    }

    /**
     * Listens on loopback at {@code port}.
     *
     * @param port 1..65535, or 0 for any free port
     * @throws DeviceException when the port cannot be bound
     */
    public static TcpPrinterEmulator start(PrinterEmulator printer, int port) {
        Objects.requireNonNull(printer, "printer");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "printer emulator tcp: port " + port + " must be 0..65535 (0: any free port)");
        }
        TcpPrinterEmulator e = new TcpPrinterEmulator(printer);
        e.port = port;
        synchronized (e.power) {
            e.listen();
        }
        return e;
    }

    public PrinterEmulator printer() {
        return printer;
    }

    /** Where a {@link org.loyaltyterminal.device.print.TcpPrinterLink} connects: loopback and the bound port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public int port() {
        return port;
    }

    /** Connections open right now. */
    public int connections() {
        return connections.size();
    }

    public boolean poweredOn() {
        synchronized (power) {
            return server.isPresent();
        }
    }

    /**
     * Switches the printer off: stops listening and closes every connection, and returns when
     * their threads have ended. Does nothing when already off.
     */
    public void powerOff() {
        synchronized (power) {
            server.ifPresent(TcpPrinterEmulator::closeQuietly);
            server = Optional.empty();
        }
        // After the listener is closed no connection can be added (see accept), so this is all of them.
        connections.forEach(TcpPrinterEmulator::closeQuietly);
        printer.wakeTransports();
        for (Thread t : threads) {
            if (t != Thread.currentThread()) { // a receipt listener may switch the printer off
                join(t);
            }
        }
    }

    /**
     * Switches the printer back on, listening on the same port. Does nothing when already on.
     *
     * @throws DeviceException when the port has been taken meanwhile
     * @throws IllegalStateException after {@link #close()}
     */
    public void powerOn() {
        synchronized (power) {
            if (closed) {
                throw new IllegalStateException("printer emulator tcp " + port + ": closed; start a new one");
            }
            if (server.isEmpty()) {
                listen();
            }
        }
    }

    /** Powers off for good. Idempotent. */
    @Override
    public void close() {
        synchronized (power) {
            if (closed) {
                return;
            }
            closed = true;
        }
        powerOff();
    }

    private void listen() {
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            // Lets powerOn rebind the port while the last connections linger in TIME_WAIT.
            s.setReuseAddress(true);
            s.setReceiveBufferSize(RECEIVE_BUFFER);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            if (s != null) {
                closeQuietly(s);
            }
            throw new DeviceException(
                    "printer emulator tcp: cannot listen on loopback port " + port + " (" + e
                            + "); pick another port, or 0 for any free one",
                    e);
        }
        ServerSocket bound = s;
        port = bound.getLocalPort();
        server = Optional.of(bound);
        startThread("printer-emulator-tcp-" + port + "-accept", () -> accept(bound));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket c;
            try {
                c = s.accept();
            } catch (IOException e) {
                return; // powered off
            }
            synchronized (power) {
                if (s.isClosed()) {
                    // powerOff ran between accept and here, and did not see this connection
                    closeQuietly(c);
                    return;
                }
                connections.add(c);
                startThread(
                        "printer-emulator-tcp-" + port + "-conn-" + connectionNumber.incrementAndGet(), () -> serve(c));
            }
        }
    }

    private void serve(Socket c) {
        byte[] buf = new byte[1024];
        try (c;
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream()) {
            while (true) {
                printer.awaitFlowing(() -> !c.isClosed());
                int n = in.read(buf);
                if (n < 0) {
                    return; // the host closed the connection
                }
                printer.receive(buf, 0, n, b -> {
                    try {
                        out.write(b);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug(
                    "printer emulator tcp {}: connection {} ended: {}", port, c.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(c);
        }
    }

    private void startThread(String name, Runnable body) {
        Thread t = Thread.ofPlatform()
                .name(name)
                .daemon(true)
                .uncaughtExceptionHandler((thread, e) -> LOG.error(
                        "printer emulator tcp {}: thread {} died; " + "the emulated printer no longer answers there",
                        port,
                        thread.getName(),
                        e))
                .unstarted(() -> {
                    try {
                        body.run();
                    } finally {
                        threads.remove(Thread.currentThread());
                    }
                });
        threads.add(t);
        t.start();
    }

    private void join(Thread t) {
        try {
            if (!t.join(JOIN_TIMEOUT)) {
                LOG.warn(
                        "printer emulator tcp {}: thread {} still running {} ms after power off; leaving it "
                                + "(a daemon thread)",
                        port,
                        t.getName(),
                        JOIN_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing to switch off: a socket that fails to close is gone either way
        }
    }

    @Override
    public String toString() {
        return "TcpPrinterEmulator[" + address() + ", " + connections() + " connections]";
    }
}
