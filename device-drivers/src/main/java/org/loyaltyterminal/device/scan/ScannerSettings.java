package org.loyaltyterminal.device.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.loyaltyterminal.device.serial.LineSettings.Parity;
import org.loyaltyterminal.device.serial.LineSettings.StopBits;

/**
 * How one serial barcode scanner is attached and what it sends. Validated once, here; every
 * message names the field and the value. Start from {@link #defaults(Path)} and change fields
 * with the {@code with...} methods:
 *
 * <pre>{@code
 * ScannerSettings s = ScannerSettings.defaults(Path.of("/dev/ttyACM0"))
 *         .withTerminator(Terminator.CRLF)
 *         .withPrefix("]")   // ...
 * }</pre>
 *
 * @param name              shown in logs and on the status page; default {@code "scanner"}
 * @param port              device path; a symlink (udev rule, /dev/serial/by-id) is fine
 * @param baud              default 9600; USB-CDC scanners ignore it
 * @param dataBits          5..8, default 8
 * @param parity            default {@link Parity#NONE}
 * @param stopBits          default {@link StopBits#ONE}
 * @param terminator        what the scanner sends after each code; default {@link Terminator#CR}
 * @param interCharGap      silence that ends a frame when the terminator is NONE, and after which
 *                          a partial line without terminator is discarded; default 50 ms
 * @param prefix            configured scanner prefix to strip; a frame without it is noise; default ""
 * @param suffix            configured scanner suffix to strip (before the terminator); default ""
 * @param maxLineLength     longest frame in bytes (prefix, AIM id and suffix included); longer
 *                          lines are dropped whole; default 128
 * @param reconnectInitial  first wait before reopening a lost device; default 250 ms
 * @param reconnectMax      cap of the doubling wait; default 5 s
 * @param noiseQuietPeriod  rejected frames closer together than this form one burst, logged once;
 *                          default 2 s
 */
public record ScannerSettings(
        String name,
        Path port,
        int baud,
        int dataBits,
        Parity parity,
        StopBits stopBits,
        Terminator terminator,
        Duration interCharGap,
        String prefix,
        String suffix,
        int maxLineLength,
        Duration reconnectInitial,
        Duration reconnectMax,
        Duration noiseQuietPeriod) {

    public static final int DEFAULT_BAUD = 9600;
    public static final int DEFAULT_DATA_BITS = 8;
    public static final Duration DEFAULT_INTER_CHAR_GAP = Duration.ofMillis(50);
    public static final int DEFAULT_MAX_LINE_LENGTH = 128;
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NOISE_QUIET_PERIOD = Duration.ofSeconds(2);

    /** What the scanner sends after each code. */
    public enum Terminator {
        /** Carriage return, the usual factory setting. */
        CR("\r"),
        /** Line feed. */
        LF("\n"),
        /** Carriage return, line feed. */
        CRLF("\r\n"),
        /** Nothing: a frame ends when the line has been silent for the inter-character gap. */
        NONE("");

        private final String bytes;

        Terminator(String bytes) {
            this.bytes = bytes;
        }

        /** The characters sent on the wire (empty for NONE). */
        public String wire() {
            return bytes;
        }
    }

    public ScannerSettings {
        requireText(name, "name");
        Objects.requireNonNull(port, "port");
        if (port.toString().isBlank()) {
            throw invalid("port", "''", "a device path such as /dev/ttyACM0");
        }
        if (baud < 50 || baud > 4_000_000) {
            throw invalid("baud", baud, "50..4000000 (scanners usually 9600)");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw invalid("dataBits", dataBits, "5..8");
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(terminator, "terminator");
        requireBetween(interCharGap, "interCharGap", Duration.ofMillis(1), Duration.ofSeconds(10));
        requirePrintable(prefix, "prefix");
        requirePrintable(suffix, "suffix");
        if (maxLineLength < 1 || maxLineLength > 8192) {
            throw invalid("maxLineLength", maxLineLength, "1..8192 bytes");
        }
        if (prefix.length() + suffix.length() >= maxLineLength) {
            throw invalid(
                    "maxLineLength",
                    maxLineLength,
                    "more than prefix and suffix together (" + (prefix.length() + suffix.length()) + ")");
        }
        requireBetween(reconnectInitial, "reconnectInitial", Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween(reconnectMax, "reconnectMax", reconnectInitial, Duration.ofMinutes(10));
        requireBetween(noiseQuietPeriod, "noiseQuietPeriod", Duration.ofMillis(1), Duration.ofMinutes(10));
    }

    /** 9600 8N1, CR terminator, 50 ms gap, no prefix or suffix, 128 bytes, backoff 250 ms to 5 s. */
    public static ScannerSettings defaults(Path port) {
        return new ScannerSettings(
                "scanner",
                port,
                DEFAULT_BAUD,
                DEFAULT_DATA_BITS,
                Parity.NONE,
                StopBits.ONE,
                Terminator.CR,
                DEFAULT_INTER_CHAR_GAP,
                "",
                "",
                DEFAULT_MAX_LINE_LENGTH,
                DEFAULT_RECONNECT_INITIAL,
                DEFAULT_RECONNECT_MAX,
                DEFAULT_NOISE_QUIET_PERIOD);
    }

    public ScannerSettings withName(String v) {
        return with(d -> d.name = v);
    }

    public ScannerSettings withPort(Path v) {
        return with(d -> d.port = v);
    }

    public ScannerSettings withBaud(int v) {
        return with(d -> d.baud = v);
    }

    public ScannerSettings withDataBits(int v) {
        return with(d -> d.dataBits = v);
    }

    public ScannerSettings withParity(Parity v) {
        return with(d -> d.parity = v);
    }

    public ScannerSettings withStopBits(StopBits v) {
        return with(d -> d.stopBits = v);
    }

    public ScannerSettings withTerminator(Terminator v) {
        return with(d -> d.terminator = v);
    }

    public ScannerSettings withInterCharGap(Duration v) {
        return with(d -> d.interCharGap = v);
    }

    public ScannerSettings withPrefix(String v) {
        return with(d -> d.prefix = v);
    }

    public ScannerSettings withSuffix(String v) {
        return with(d -> d.suffix = v);
    }

    public ScannerSettings withMaxLineLength(int v) {
        return with(d -> d.maxLineLength = v);
    }

    /** Sets both ends of the reconnect backoff at once, so they can be validated together. */
    public ScannerSettings withReconnectBackoff(Duration initial, Duration max) {
        return with(d -> {
            d.reconnectInitial = initial;
            d.reconnectMax = max;
        });
    }

    public ScannerSettings withNoiseQuietPeriod(Duration v) {
        return with(d -> d.noiseQuietPeriod = v);
    }

    /** A copy with the change applied, validated by the canonical constructor like any other. */
    private ScannerSettings with(Consumer<Draft> change) {
        return new Draft().build(change);
    }

    /** This record's fields as variables, so that each wither names only the fields it changes. */
    private final class Draft {
        private String name = ScannerSettings.this.name;
        private Path port = ScannerSettings.this.port;
        private int baud = ScannerSettings.this.baud;
        private int dataBits = ScannerSettings.this.dataBits;
        private Parity parity = ScannerSettings.this.parity;
        private StopBits stopBits = ScannerSettings.this.stopBits;
        private Terminator terminator = ScannerSettings.this.terminator;
        private Duration interCharGap = ScannerSettings.this.interCharGap;
        private String prefix = ScannerSettings.this.prefix;
        private String suffix = ScannerSettings.this.suffix;
        private int maxLineLength = ScannerSettings.this.maxLineLength;
        private Duration reconnectInitial = ScannerSettings.this.reconnectInitial;
        private Duration reconnectMax = ScannerSettings.this.reconnectMax;
        private Duration noiseQuietPeriod = ScannerSettings.this.noiseQuietPeriod;

        private ScannerSettings build(Consumer<Draft> change) {
            change.accept(this);
            return new ScannerSettings(
                    name,
                    port,
                    baud,
                    dataBits,
                    parity,
                    stopBits,
                    terminator,
                    interCharGap,
                    prefix,
                    suffix,
                    maxLineLength,
                    reconnectInitial,
                    reconnectMax,
                    noiseQuietPeriod);
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw invalid(field, "'" + value + "'", "a non-blank name");
        }
    }

    private static void requirePrintable(String value, String field) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw invalid(
                        field,
                        Excerpt.of(value),
                        "printable ASCII only (0x20..0x7E); character " + i + " is "
                                + String.format("0x%02X", (int) c));
            }
        }
    }

    private static void requireBetween(Duration value, String field, Duration min, Duration max) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(field, value.toMillis() + " ms", min.toMillis() + ".." + max.toMillis() + " ms");
        }
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException(
                "scanner settings: " + field + " = " + value + " is invalid; expected " + expected);
    }
}
