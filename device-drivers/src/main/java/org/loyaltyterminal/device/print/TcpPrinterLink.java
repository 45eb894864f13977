package org.loyaltyterminal.device.print;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;

/**
 * A network printer on its raw port (usually 9100).
 *
 * <p>Every step is bounded. A blocking {@code java.net.Socket} has a connect timeout and a read
 * timeout but no write timeout: a printer that is out of paper stops reading, the send buffer
 * fills and {@code write} blocks for as long as the TCP connection lives. This link therefore
 * uses a non-blocking {@link SocketChannel} with a {@link Selector}: connect, each write and each
 * status read wait for readiness with the remaining time to a deadline, on the calling thread,
 * with no watchdog thread and no race between a watchdog's close and a write that just finished.
 * A write that misses its deadline closes the connection; the bytes already sent may have printed.
 */
public final class TcpPrinterLink implements PrinterLink {
    /** The raw printing port of practically every network receipt printer. */
    public static final int DEFAULT_PORT = 9100;

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final Ticker ticker;
    private final String name;
    private SocketChannel channel;
    private Selector selector;

    /**
     * @param writeTimeout the longest one {@link #write} may take, whole job included
     */
    public TcpPrinterLink(InetSocketAddress address, Duration connectTimeout, Duration writeTimeout, Ticker ticker) {
        this.address = Objects.requireNonNull(address, "address");
        this.connectTimeout = positive("connect timeout", connectTimeout);
        this.writeTimeout = positive("write timeout", writeTimeout);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.name = "printer tcp " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void open() {
        if (isOpen()) {
            return;
        }
        long deadline = ticker.nanos() + connectTimeout.toNanos();
        try {
            selector = Selector.open();
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    if (!await(deadline)) {
                        throw new DeviceException(name + ": no connection within " + connectTimeout.toMillis()
                                + " ms; check that the printer is on and its address is right");
                    }
                }
            }
        } catch (IOException e) {
            close();
            throw new DeviceException(
                    name + ": connect failed (" + e.getMessage()
                            + "); check that the printer is on and listens on port " + address.getPort(),
                    e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ensureOpen("write");
        long deadline = ticker.nanos() + writeTimeout.toNanos();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0 && !await(deadline)) {
                    int sent = buf.position();
                    close();
                    throw new DeviceException(name + ": write timed out after " + writeTimeout.toMillis() + " ms, "
                            + sent + " of " + bytes.length + " bytes sent; the printer stopped reading "
                            + "(paper out, cover open or jammed?); connection closed");
                }
            }
        } catch (IOException e) {
            int sent = buf.position();
            close();
            throw new DeviceException(
                    name + ": write failed after " + sent + " of " + bytes.length + " bytes (" + e.getMessage()
                            + "); connection closed",
                    e);
        }
    }

    @Override
    public Optional<PrinterStatus> readStatus(Duration timeout) {
        ensureOpen("read status");
        try {
            drain();
            return Optional.of(StatusQuery.run(name, this::ask, timeout, ticker));
        } catch (IOException e) {
            close();
            throw new DeviceException(name + ": status read failed (" + e.getMessage() + "); connection closed", e);
        } catch (DeviceException e) {
            close();
            throw e;
        }
    }

    private OptionalInt ask(byte[] request, long timeoutNanos) {
        long deadline = ticker.nanos() + timeoutNanos;
        try {
            ByteBuffer out = ByteBuffer.wrap(request);
            channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0 && !await(deadline)) {
                    return OptionalInt.empty();
                }
            }
            ByteBuffer in = ByteBuffer.allocate(1);
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int n = channel.read(in);
                if (n < 0) {
                    throw new DeviceException(name + ": the printer closed the connection while asked for status");
                }
                if (n == 1) {
                    return OptionalInt.of(in.get(0) & 0xFF);
                }
                if (!await(deadline)) {
                    return OptionalInt.empty();
                }
            }
        } catch (IOException e) {
            throw new DeviceException(name + ": status request failed (" + e.getMessage() + ")", e);
        }
    }

    /** Discards bytes the printer sent unasked (automatic status), so the next byte is our reply. */
    private void drain() throws IOException {
        ByteBuffer junk = ByteBuffer.allocate(64);
        while (channel.read(junk) > 0) {
            junk.clear();
        }
    }

    /** @return false when the deadline passed before the registered operation became ready */
    private boolean await(long deadline) throws IOException {
        long remainingNanos = deadline - ticker.nanos();
        if (remainingNanos <= 0) {
            return false;
        }
        selector.selectedKeys().clear();
        selector.select(Math.max(1, remainingNanos / 1_000_000));
        return true;
    }

    private void ensureOpen(String what) {
        if (!isOpen()) {
            throw new DeviceException(name + ": cannot " + what + ", link not open; call open() first");
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
        closeQuietly(selector);
        channel = null;
        selector = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a socket or selector that is already broken: nothing left to release
            }
        }
    }

    private static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("tcp printer: " + what + " " + d.toMillis() + " ms must be > 0");
        }
        return d;
    }

    @Override
    public String toString() {
        return name;
    }
}
