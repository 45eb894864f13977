package org.loyaltyterminal.device.print;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.DeviceException;

/**
 * A printer behind a write-only device file such as {@code /dev/usb/lp0} (the kernel's usblp
 * driver). There is no way back: {@link #readStatus} is always empty, so paper end is only seen
 * as failing or stalling writes. A write takes as long as the kernel driver lets it; usblp
 * gives up on its own, and the print worker, not the caller, is the thread that waits.
 */
public final class DeviceFilePrinterLink implements PrinterLink {
    private final Path device;
    private final String name;
    private FileChannel channel;

    public DeviceFilePrinterLink(Path device) {
        this.device = Objects.requireNonNull(device, "device");
        this.name = "printer device " + device;
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
            channel = FileChannel.open(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (NoSuchFileException e) {
            throw new DeviceException(name + ": not found; is the printer on and plugged in?", e);
        } catch (AccessDeniedException e) {
            throw new DeviceException(
                    name + ": permission denied as user '"
                            + ProcessHandle.current().info().user().orElse("?") + "'; the device belongs to group '"
                            + group() + "': add the user to it and restart the service",
                    e);
        } catch (IOException e) {
            throw new DeviceException(name + ": open failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (!isOpen()) {
            throw new DeviceException(name + ": cannot write, not open; call open() first");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            int sent = buf.position();
            close();
            throw new DeviceException(
                    name + ": write failed after " + sent + " of " + bytes.length + " bytes (" + e.getMessage()
                            + "); printer off, unplugged or out of paper?",
                    e);
        }
    }

    /** Always empty: a device file is one-way. */
    @Override
    public Optional<PrinterStatus> readStatus(Duration timeout) {
        return Optional.empty();
    }

    @Override
    public void close() {
        FileChannel c = channel;
        channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private String group() {
        try {
            return ((GroupPrincipal) Files.getAttribute(device, "posix:group")).getName();
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "lp";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
