package org.loyaltyterminal.device.print;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.loyaltyterminal.core.retry.Backoff;

/**
 * How the daemon prints: validated once, here. Start from {@link #defaults()}.
 *
 * @param name             shown in logs and on the status page; default {@code "printer"}
 * @param lineWidth        characters per line at normal size: 32 for 58 mm paper (default), 48 for 80 mm
 * @param codePage         code page number and charset; default {@link CodePage#PC858}
 * @param queueCapacity    jobs waiting while the printer is away, 1..1000; default 20; when full,
 *                         new jobs are refused (never block the till, never drop an accepted job)
 * @param statusTimeout    longest wait for the DLE EOT replies before each job; default 1 s
 * @param reconnectInitial first wait before retrying a failed job; default 500 ms
 * @param reconnectMax     cap of the doubling wait; default 10 s
 */
public record PrinterSettings(
        String name,
        int lineWidth,
        CodePage codePage,
        int queueCapacity,
        Duration statusTimeout,
        Duration reconnectInitial,
        Duration reconnectMax) {

    public static final int LINE_WIDTH_58_MM = 32;
    public static final int LINE_WIDTH_80_MM = 48;
    public static final int DEFAULT_QUEUE_CAPACITY = 20;
    public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(10);

    public PrinterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codePage, "codePage");
        Objects.requireNonNull(statusTimeout, "statusTimeout");
        Objects.requireNonNull(reconnectInitial, "reconnectInitial");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (name.isBlank()) {
            throw new IllegalArgumentException("printer settings: name must not be blank");
        }
        if (lineWidth < 8 || lineWidth > 128) {
            throw new IllegalArgumentException(
                    "printer '" + name + "': lineWidth " + lineWidth + " must be 8..128 (58 mm paper: 32, 80 mm: 48)");
        }
        if (queueCapacity < 1 || queueCapacity > 1000) {
            throw new IllegalArgumentException(
                    "printer '" + name + "': queueCapacity " + queueCapacity + " must be 1..1000");
        }
        if (statusTimeout.isNegative() || statusTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "printer '" + name + "': statusTimeout " + statusTimeout.toMillis() + " ms must be > 0");
        }
        Backoff.doubling(reconnectInitial, reconnectMax); // validates the pair, same message as the adapters
    }

    public static PrinterSettings defaults() {
        return new PrinterSettings(
                "printer",
                LINE_WIDTH_58_MM,
                CodePage.PC858,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_STATUS_TIMEOUT,
                DEFAULT_RECONNECT_INITIAL,
                DEFAULT_RECONNECT_MAX);
    }

    public PrinterSettings withName(String n) {
        return with(d -> d.name = n);
    }

    public PrinterSettings withLineWidth(int w) {
        return with(d -> d.lineWidth = w);
    }

    public PrinterSettings withCodePage(CodePage c) {
        return with(d -> d.codePage = c);
    }

    public PrinterSettings withQueueCapacity(int q) {
        return with(d -> d.queueCapacity = q);
    }

    public PrinterSettings withStatusTimeout(Duration t) {
        return with(d -> d.statusTimeout = t);
    }

    public PrinterSettings withReconnect(Duration initial, Duration max) {
        return with(d -> {
            d.reconnectInitial = initial;
            d.reconnectMax = max;
        });
    }

    /** A copy with the change applied, validated by the canonical constructor like any other. */
    private PrinterSettings with(Consumer<Draft> change) {
        return new Draft().build(change);
    }

    /** This record's fields as variables, so that each wither names only the fields it changes. */
    private final class Draft {
        private String name = PrinterSettings.this.name;
        private int lineWidth = PrinterSettings.this.lineWidth;
        private CodePage codePage = PrinterSettings.this.codePage;
        private int queueCapacity = PrinterSettings.this.queueCapacity;
        private Duration statusTimeout = PrinterSettings.this.statusTimeout;
        private Duration reconnectInitial = PrinterSettings.this.reconnectInitial;
        private Duration reconnectMax = PrinterSettings.this.reconnectMax;

        private PrinterSettings build(Consumer<Draft> change) {
            change.accept(this);
            return new PrinterSettings(
                    name, lineWidth, codePage, queueCapacity, statusTimeout, reconnectInitial, reconnectMax);
        }
    }

    /** A receipt builder for this printer's code page and line width. */
    public EscPos receipt() {
        return EscPos.start(codePage, lineWidth);
    }
}
