package org.loyaltyterminal.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.Objects;
import org.loyaltyterminal.device.serial.LineProblem.Kind;

/**
 * One open serial port, through jSerialComm: the only class that imports it. Opens a port by path
 * with flow control off and a semi-blocking read timeout, explains why an open failed in words a
 * shop technician can act on (permission denied names the user, the owning group and the command
 * that fixes it), and turns jSerialComm's int results into bytes read or {@link LineLost}.
 *
 * <p>Reads and writes belong to the device's one thread; {@link #close} may come from another
 * (an owner pulling the port out from under a stuck thread), which makes a blocked read or write
 * return.
 */
public final class SerialLine implements AutoCloseable {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    /**
     * A signal to the process (SIGTERM at shutdown, for one) can end a blocking read with EINTR
     * or EAGAIN while the device is fine: read again, unless it keeps happening.
     */
    private static final int MAX_INTERRUPTED_READS = 3;

    private final Path path;
    private final SerialPort port;

    private SerialLine(Path path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    /**
     * Opens the port at {@code path}.
     *
     * @throws OpenFailed with {@link Kind#ABSENT} when the path does not exist, {@link Kind#PERMISSION}
     *     when the service user may not open it, {@link Kind#OTHER} otherwise (busy, not a port)
     */
    public static SerialLine open(Path path, LineSettings settings) throws OpenFailed {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(settings, "settings");
        if (!Files.exists(path)) {
            throw absent();
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path.toString());
        } catch (RuntimeException e) {
            throw new OpenFailed(new LineProblem(Kind.OTHER, "cannot use the path as a serial port: " + e));
        }
        port.setComPortParameters(
                settings.baud(), settings.dataBits(), stopBits(settings.stopBits()), parity(settings.parity()));
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, settings.readTimeoutMillis(), 0);
        if (port.openPort()) {
            return new SerialLine(path, port);
        }
        int code = port.getLastErrorCode();
        if (code == EACCES) {
            String user = ProcessHandle.current().info().user().orElse("(unknown user)");
            throw new OpenFailed(
                    new LineProblem(Kind.PERMISSION, permissionDeniedMessage(path, user, owningGroup(path))));
        }
        if (!Files.exists(path)) {
            throw absent();
        }
        throw new OpenFailed(new LineProblem(
                Kind.OTHER,
                "open failed with error code " + code
                        + " (16 = busy: another process holds the port's exclusive lock)"));
    }

    /**
     * The message for EACCES: names the device, the user and the group to join. The daemon usually
     * runs as a service user that only lacks the group.
     */
    static String permissionDeniedMessage(Path path, String user, String group) {
        return "permission denied opening " + path + " (error 13, EACCES) as user '" + user
                + "'; the device belongs to group '" + group + "': run 'sudo usermod -aG " + group + " " + user
                + "' and restart the service";
    }

    /**
     * Registers the process's orderly-stop hook so that it runs before jSerialComm's own shutdown
     * hook, which closes every open port and unloads its native library. As a plain JVM shutdown
     * hook it would race that cleanup: a reader would see its port closed under it (EBADF) and
     * report an unplugged device while the daemon was merely stopping. The list is jSerialComm's,
     * shared by every serial device in the process: register once.
     */
    public static void runAtShutdownBeforeSerialCleanup(Thread hook) {
        SerialPort.addShutdownHook(hook);
    }

    public Path path() {
        return path;
    }

    /**
     * Reads what has arrived into {@code buf}, waiting up to the read timeout for the first byte.
     *
     * @return the number of bytes read; 0 when nothing arrived within the timeout, in which case a
     *     device that was unplugged is only noticed by {@link #ensurePresent}
     * @throws LineLost when the read fails: the device hung up or is gone
     */
    public int read(byte[] buf) throws LineLost {
        int interrupted = 0;
        while (true) {
            int n = port.readBytes(buf, buf.length);
            if (n >= 0) {
                return n;
            }
            int code = port.getLastErrorCode();
            if ((code == EINTR || code == EAGAIN) && ++interrupted <= MAX_INTERRUPTED_READS && Files.exists(path)) {
                continue;
            }
            throw new LineLost(
                    "read failed (" + (code == 0 ? "hang-up" : "error code " + code) + "), device unplugged or gone");
        }
    }

    /**
     * Checks that the device path still exists. A USB device that is unplugged can leave reads
     * returning nothing rather than failing; its path disappearing is what tells.
     *
     * @throws LineLost "device path disappeared"
     */
    public void ensurePresent() throws LineLost {
        if (!Files.exists(path)) {
            throw new LineLost("device path disappeared");
        }
    }

    /**
     * Writes all of {@code bytes}, blocking until the driver took them.
     *
     * @throws LineLost when the write fails part way: the device is unplugged or gone
     */
    public void write(byte[] bytes) throws LineLost {
        int sent = 0;
        while (sent < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - sent, sent);
            if (n <= 0) {
                throw new LineLost("write failed (" + sent + " of " + bytes.length + " bytes, error code "
                        + port.getLastErrorCode() + "), device unplugged or gone");
            }
            sent += n;
        }
    }

    /** Drops whatever has arrived and not been read, without waiting for more. */
    public void discardInput() {
        byte[] junk = new byte[64];
        while (port.bytesAvailable() > 0 && port.readBytes(junk, junk.length) > 0) {
            // reading is the only way to drop them
        }
    }

    public boolean isOpen() {
        return port.isOpen();
    }

    /** Closes the port; safe to call again and from another thread. */
    @Override
    public void close() {
        if (port.isOpen()) {
            port.closePort();
        }
    }

    @Override
    public String toString() {
        return "serial line " + path;
    }

    private static OpenFailed absent() {
        return new OpenFailed(new LineProblem(Kind.ABSENT, "device not found"));
    }

    private static String owningGroup(Path path) {
        try {
            GroupPrincipal group = (GroupPrincipal) Files.getAttribute(path, "posix:group");
            return group.getName();
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "dialout";
        }
    }

    private static int parity(LineSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int stopBits(LineSettings.StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }
}
