package org.loyaltyterminal.terminal.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.loyaltyterminal.device.print.PrinterSettings;

/**
 * The receipt printer, as configured under {@code printer.*}: how to reach it and how it prints.
 *
 * @param settings name, characters per line, code page and queue, for the driver
 * @param link     where the printer is
 */
public record PrinterConfig(PrinterSettings settings, Link link) {
    public PrinterConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(link, "link");
    }

    /** The transport, chosen by {@code printer.transport}. */
    public sealed interface Link {
        /** Raw TCP, usually port 9100. */
        record Tcp(InetSocketAddress address, Duration connectTimeout, Duration writeTimeout) implements Link {}

        /** A serial port through jSerialComm: two-way, so status can be read. */
        record Serial(Path port, int baud, Duration writeTimeout) implements Link {}

        /** A write-only device file such as /dev/usb/lp0: no status. */
        record DeviceFile(Path device) implements Link {}
    }
}
