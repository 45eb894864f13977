package org.loyaltyterminal.device.print;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.serial.LineLost;
import org.loyaltyterminal.device.serial.LineProblem.Kind;
import org.loyaltyterminal.device.serial.LineSettings;
import org.loyaltyterminal.device.serial.OpenFailed;
import org.loyaltyterminal.device.serial.SerialLine;

/**
 * A receipt printer on a {@link SerialLine} (RS-232 or USB-CDC). 8N1 at the configured baud rate,
 * no flow control. Reopening after a failure is the print queue's ({@link QueuedPrinter}), for
 * every link alike.
 *
 * <p>jSerialComm's blocking write has no timeout on Linux, and its output-queue count reads 0 on
 * some drivers, so neither can bound a write. Each job is therefore written by a short-lived named
 * platform thread while the caller waits up to the write timeout; when it passes, the port is
 * closed, which makes the native write return, and the caller gets a {@link DeviceException}.
 */
public final class SerialPrinterLink implements PrinterLink {
    private static final int READ_TIMEOUT_MILLIS = 100;

    private final Path port;
    private final int baud;
    private final Duration writeTimeout;
    private final Ticker ticker;
    private final String name;
    private SerialLine serial;

    public SerialPrinterLink(Path port, int baud, Duration writeTimeout, Ticker ticker) {
        this.port = Objects.requireNonNull(port, "port");
        if (baud < 300 || baud > 921_600) {
            throw new IllegalArgumentException("serial printer " + port + ": baud " + baud + " must be 300..921600");
        }
        this.baud = baud;
        this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("serial printer " + port + ": write timeout must be > 0");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.name = "printer serial " + port;
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
        try {
            serial = SerialLine.open(port, LineSettings.eightNoneOne(baud, READ_TIMEOUT_MILLIS));
        } catch (OpenFailed e) {
            String hint = e.problem().kind() == Kind.ABSENT ? "; check the cable and the udev link" : "";
            throw new DeviceException(name + ": " + e.getMessage() + hint, e);
        }
    }

    @Override
    public boolean isOpen() {
        return serial != null && serial.isOpen();
    }

    @Override
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ensureOpen("write");
        SerialLine line = serial;
        FutureTask<Void> task = new FutureTask<>(() -> {
            line.write(bytes);
            return null;
        });
        Thread writer = Thread.ofPlatform()
                .name("printer-serial-write-" + port.getFileName())
                .daemon(true)
                .unstarted(task);
        writer.start();
        try {
            task.get(writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // closing the port is what unblocks the native write (verified on Linux ttys and ptys)
            close();
            throw new DeviceException(name + ": write timed out after " + writeTimeout.toMillis()
                    + " ms; the printer stopped taking bytes (paper out, cover open, or wrong baud?); port closed");
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DeviceException(name + ": interrupted while writing; port closed", e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof LineLost lost) {
                throw new DeviceException(name + ": " + lost.getMessage() + "; port closed", lost);
            }
            throw new DeviceException(name + ": write failed: " + e.getCause() + "; port closed", e.getCause());
        }
    }

    @Override
    public Optional<PrinterStatus> readStatus(Duration timeout) {
        ensureOpen("read status");
        // unsolicited bytes (automatic status) would be taken for our reply
        serial.discardInput();
        try {
            return Optional.of(StatusQuery.run(name, this::ask, timeout, ticker));
        } catch (DeviceException e) {
            close();
            throw e;
        }
    }

    private OptionalInt ask(byte[] request, long timeoutNanos) {
        try {
            serial.write(request);
        } catch (LineLost e) {
            throw new DeviceException(name + ": status request not sent: " + e.getMessage());
        }
        long deadline = ticker.nanos() + timeoutNanos;
        byte[] reply = new byte[1];
        while (true) {
            int n;
            try {
                n = serial.read(reply);
            } catch (LineLost e) {
                throw new DeviceException(name + ": status read failed: " + e.getMessage());
            }
            if (n == 1) {
                return OptionalInt.of(reply[0] & 0xFF);
            }
            if (ticker.nanos() - deadline > 0) {
                return OptionalInt.empty();
            }
        }
    }

    private void ensureOpen(String what) {
        if (!isOpen()) {
            throw new DeviceException(name + ": cannot " + what + ", port not open; call open() first");
        }
    }

    @Override
    public void close() {
        SerialLine line = serial;
        serial = null;
        if (line != null) {
            line.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
