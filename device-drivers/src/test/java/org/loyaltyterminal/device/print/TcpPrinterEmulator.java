package org.loyaltyterminal.device.print;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network receipt printer on a real loopback {@link ServerSocket}: the {@link EmulatedPrinter}
 * behind it records what arrives and answers DLE EOT. Fault switches: {@link #stop()} (printer
 * off; {@link #start()} brings it back on the same port) and {@link #stall(boolean)} (stops
 * reading, as a printer without paper does, so the sender's buffers fill).
 */
final class TcpPrinterEmulator implements AutoCloseable {
    final EmulatedPrinter printer = new EmulatedPrinter();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean stalled;
    private int port;

    TcpPrinterEmulator start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.setReceiveBufferSize(4096);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        server = s;
        Thread.ofPlatform().name("printer-emulator-accept-" + port).daemon(true).start(() -> accept(s));
        return this;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    void stall(boolean on) {
        stalled = on;
    }

    int connectionCount() {
        return connections.size();
    }

    /** Printer off: closes the listening socket and every connection. */
    void stop() {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                connections.add(c);
                if (s.isClosed()) {
                    // stop() ran between accept and add: it did not see this connection
                    c.close();
                    return;
                }
                Thread.ofPlatform().name("printer-emulator-conn-" + port).daemon(true).start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        byte[] buf = new byte[1024];
        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            while (true) {
                while (stalled && !c.isClosed()) {
                    Thread.sleep(5);
                }
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                printer.receive(buf, n, b -> {
                    try {
                        out.write(b);
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException | java.io.UncheckedIOException | InterruptedException e) {
            // connection gone: the client closed it, or the test switched the printer off
        } finally {
            connections.remove(c);
        }
    }
}
