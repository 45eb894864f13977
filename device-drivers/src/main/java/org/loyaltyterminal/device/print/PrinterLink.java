package org.loyaltyterminal.device.print;

import java.time.Duration;
import java.util.Optional;

/**
 * The byte pipe to one printer: TCP port 9100, a serial line, or a device file. Every call is
 * bounded in time, or documented where the operating system does not allow it; each failure is
 * a {@link org.loyaltyterminal.device.DeviceException} naming the printer, what was seen and the
 * next step. Not thread-safe: one owner (the print worker) drives it.
 */
public interface PrinterLink extends AutoCloseable {
    /** Names the printer in messages, e.g. {@code "printer tcp 192.168.1.40:9100"}. */
    String describe();

    /** Opens the connection; a link may be opened again after {@link #close()}. */
    void open();

    boolean isOpen();

    /** Sends all bytes, or fails; the link is closed after a failure. */
    void write(byte[] bytes);

    /**
     * Asks the printer for its state with DLE EOT 1 and 4 (and 2 when offline).
     *
     * @return empty when the link is one-way and cannot read status at all
     * @throws org.loyaltyterminal.device.DeviceException when no reply came within {@code timeout}
     */
    Optional<PrinterStatus> readStatus(Duration timeout);

    /** Idempotent. */
    @Override
    void close();
}
