package org.loyaltyterminal.sync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback ports for test servers. */
public final class Ports {
    private Ports() {}

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** True once 127.0.0.1:port accepts a TCP connection. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the port accepts or {@code stillStarting} turns false.
     *
     * @throws IllegalStateException naming the port and the time waited
     */
    public static void awaitAccepting(String what, int port, Duration timeout, BooleanSupplier stillStarting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            if (!stillStarting.getAsBoolean()) {
                throw new IllegalStateException(what + ": exited before 127.0.0.1:" + port + " accepted connections");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": 127.0.0.1:" + port + " did not accept connections within "
                        + timeout.toSeconds() + " s");
            }
            Await.pause(Duration.ofMillis(50));
        }
    }

    /** Waits until nothing accepts on 127.0.0.1:port any more. */
    public static void awaitClosed(String what, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        what + ": still accepting connections " + timeout.toSeconds() + " s after stop");
            }
            Await.pause(Duration.ofMillis(50));
        }
    }
}
