package org.loyaltyterminal.device.print;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
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

/**
 * A receipt printer on a serial line (RS-232 or USB-CDC), through jSerialComm: the only print
 * class that imports it. 8N1 at the configured baud rate, no flow control.
 *
 * <p>jSerialComm's blocking write has no timeout on Linux, and its output-queue count reads 0 on
 * some drivers, so neither can bound a write. Each job is therefore written by a short-lived named
 * platform thread while the caller waits up to the write timeout; when it passes, the port is
 * closed, which makes the native write return, and the caller gets a {@link DeviceException}.
 */
public final class SerialPrinterLink implements PrinterLink {

    private final Path port;
    private final int baud;
    private final Duration writeTimeout;
    private final Ticker ticker;
    private final String name;
    private SerialPort serial;

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
        if (!Files.exists(port)) {
            throw new DeviceException(name + ": device not found; check the cable and the udev link");
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(port.toString());
        } catch (RuntimeException e) {
            throw new DeviceException(name + ": cannot use the path as a serial port: " + e, e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!p.openPort()) {
            int code = p.getLastErrorCode();
            throw new DeviceException(name + ": open failed with error code " + code
                    + (code == 13
                            ? " (EACCES): add user '"
                                    + ProcessHandle.current().info().user().orElse("?")
                                    + "' to the device's group (usually dialout) and restart the service"
                            : code == 16 ? " (EBUSY): another process holds the port" : ""));
        }
        serial = p;
    }

    @Override
    public boolean isOpen() {
        return serial != null && serial.isOpen();
    }

    @Override
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ensureOpen("write");
        SerialPort p = serial;
        int[] sent = new int[1];
        FutureTask<Integer> task = new FutureTask<>(() -> {
            while (sent[0] < bytes.length) {
                int n = p.writeBytes(bytes, bytes.length - sent[0], sent[0]);
                if (n <= 0) {
                    return p.getLastErrorCode();
                }
                sent[0] += n;
            }
            return 0;
        });
        Thread writer = Thread.ofPlatform()
                .name("printer-serial-write-" + port.getFileName())
                .daemon(true)
                .unstarted(task);
        writer.start();
        int error;
        try {
            error = task.get(writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
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
            throw new DeviceException(name + ": write failed: " + e.getCause() + "; port closed", e.getCause());
        }
        if (error != 0 || sent[0] < bytes.length) {
            close();
            throw new DeviceException(name + ": write failed with error code " + error + " after " + sent[0] + " of "
                    + bytes.length + " bytes; device unplugged?; port closed");
        }
    }

    @Override
    public Optional<PrinterStatus> readStatus(Duration timeout) {
        ensureOpen("read status");
        byte[] junk = new byte[64];
        while (serial.bytesAvailable() > 0 && serial.readBytes(junk, junk.length) > 0) {
            // unsolicited bytes (automatic status) would be taken for our reply
        }
        try {
            return Optional.of(StatusQuery.run(name, this::ask, timeout, ticker));
        } catch (DeviceException e) {
            close();
            throw e;
        }
    }

    private OptionalInt ask(byte[] request, long timeoutNanos) {
        if (serial.writeBytes(request, request.length) != request.length) {
            throw new DeviceException(name + ": status request not sent (error code " + serial.getLastErrorCode()
                    + "); device unplugged?");
        }
        long deadline = ticker.nanos() + timeoutNanos;
        byte[] reply = new byte[1];
        while (true) {
            int n = serial.readBytes(reply, 1);
            if (n == 1) {
                return OptionalInt.of(reply[0] & 0xFF);
            }
            if (n < 0) {
                throw new DeviceException(name + ": status read failed with error code " + serial.getLastErrorCode()
                        + "; device unplugged?");
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
        SerialPort p = serial;
        serial = null;
        if (p != null && p.isOpen()) {
            p.closePort();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
