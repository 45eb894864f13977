package org.loyaltyterminal.device.nfc.pn532;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one PN532 on a serial line (HSU) is attached and polled. Validated once, here; every
 * message names the field and the value. Start from {@link #defaults(Path)} and change fields
 * with the {@code with...} methods.
 *
 * @param name              shown in logs and as {@link org.loyaltyterminal.device.nfc.CardRead#source()};
 *                          default {@code "nfc"}
 * @param port              device path, e.g. /dev/serial0 or a /dev/serial/by-id link
 * @param baud              default 115200, the PN532's HSU default
 * @param readNdef          read the member number from the card's NDEF Text record; default false
 * @param pollInterval      pause between two InListPassiveTarget polls; default 100 ms
 * @param commandTimeout    wait for the ACK, and again for the response, of each command; default 500 ms
 * @param startupTimeout    the same for the first command after wake-up (a USB-UART may delay the
 *                          first ACK by over a second); default 2 s
 * @param absentBeforeRearm a card held on the reader is reported again only after it was away this
 *                          long; default 1 s
 * @param reconnectInitial  first wait before reopening a lost device; default 250 ms
 * @param reconnectMax      cap of the doubling wait; default 5 s
 */
public record Pn532Settings(
        String name,
        Path port,
        int baud,
        boolean readNdef,
        Duration pollInterval,
        Duration commandTimeout,
        Duration startupTimeout,
        Duration absentBeforeRearm,
        Duration reconnectInitial,
        Duration reconnectMax) {

    public static final String DEFAULT_NAME = "nfc";
    public static final int DEFAULT_BAUD = 115_200;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_ABSENT_BEFORE_REARM = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);

    public Pn532Settings {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw invalid("name", "''", "a non-blank name");
        }
        Objects.requireNonNull(port, "port");
        if (port.toString().isBlank()) {
            throw invalid("port", "''", "a device path such as /dev/serial0");
        }
        if (baud < 9600 || baud > 1_288_000) {
            throw invalid("baud", baud, "9600..1288000 (the PN532's HSU rates; default 115200)");
        }
        requireBetween(pollInterval, "pollInterval", Duration.ofMillis(1), Duration.ofSeconds(10));
        requireBetween(commandTimeout, "commandTimeout", Duration.ofMillis(50), Duration.ofSeconds(10));
        requireBetween(startupTimeout, "startupTimeout", commandTimeout, Duration.ofSeconds(30));
        requireBetween(absentBeforeRearm, "absentBeforeRearm", Duration.ZERO, Duration.ofMinutes(1));
        requireBetween(reconnectInitial, "reconnectInitial", Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween(reconnectMax, "reconnectMax", reconnectInitial, Duration.ofMinutes(10));
    }

    /** "nfc", 115200 baud, no NDEF, poll 100 ms, timeouts 500 ms / 2 s at start-up, rearm 1 s, backoff 250 ms..5 s. */
    public static Pn532Settings defaults(Path port) {
        return new Pn532Settings(
                DEFAULT_NAME,
                port,
                DEFAULT_BAUD,
                false,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_STARTUP_TIMEOUT,
                DEFAULT_ABSENT_BEFORE_REARM,
                DEFAULT_RECONNECT_INITIAL,
                DEFAULT_RECONNECT_MAX);
    }

    public Pn532Settings withName(String v) {
        return with(d -> d.name = v);
    }

    public Pn532Settings withPort(Path v) {
        return with(d -> d.port = v);
    }

    public Pn532Settings withBaud(int v) {
        return with(d -> d.baud = v);
    }

    public Pn532Settings withReadNdef(boolean v) {
        return with(d -> d.readNdef = v);
    }

    public Pn532Settings withPollInterval(Duration v) {
        return with(d -> d.pollInterval = v);
    }

    /** Sets both timeouts at once, so they can be validated together (start-up >= command). */
    public Pn532Settings withTimeouts(Duration command, Duration startup) {
        return with(d -> {
            d.commandTimeout = command;
            d.startupTimeout = startup;
        });
    }

    public Pn532Settings withAbsentBeforeRearm(Duration v) {
        return with(d -> d.absentBeforeRearm = v);
    }

    /** Sets both ends of the reconnect backoff at once, so they can be validated together. */
    public Pn532Settings withReconnectBackoff(Duration initial, Duration max) {
        return with(d -> {
            d.reconnectInitial = initial;
            d.reconnectMax = max;
        });
    }

    /** A copy with the change applied, validated by the canonical constructor like any other. */
    private Pn532Settings with(Consumer<Draft> change) {
        return new Draft().build(change);
    }

    /** This record's fields as variables, so that each wither names only the fields it changes. */
    private final class Draft {
        private String name = Pn532Settings.this.name;
        private Path port = Pn532Settings.this.port;
        private int baud = Pn532Settings.this.baud;
        private boolean readNdef = Pn532Settings.this.readNdef;
        private Duration pollInterval = Pn532Settings.this.pollInterval;
        private Duration commandTimeout = Pn532Settings.this.commandTimeout;
        private Duration startupTimeout = Pn532Settings.this.startupTimeout;
        private Duration absentBeforeRearm = Pn532Settings.this.absentBeforeRearm;
        private Duration reconnectInitial = Pn532Settings.this.reconnectInitial;
        private Duration reconnectMax = Pn532Settings.this.reconnectMax;

        private Pn532Settings build(Consumer<Draft> change) {
            change.accept(this);
            return new Pn532Settings(
                    name,
                    port,
                    baud,
                    readNdef,
                    pollInterval,
                    commandTimeout,
                    startupTimeout,
                    absentBeforeRearm,
                    reconnectInitial,
                    reconnectMax);
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
                "PN532 settings: " + field + " = " + value + " is invalid; expected " + expected);
    }
}
