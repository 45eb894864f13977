package org.loyaltyterminal.terminal.config;

import java.nio.file.Path;
import java.time.Duration;

/** The serial barcode scanner's port and framing, as configured under {@code scanner.*}. */
public record ScannerConfig(
        String name,
        Path port,
        int baud,
        int dataBits,
        String parity,
        String stopBits,
        String terminator,
        Duration gap,
        String prefix,
        String suffix,
        int maxLength) {}
