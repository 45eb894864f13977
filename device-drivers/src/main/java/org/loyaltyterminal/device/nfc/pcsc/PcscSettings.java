package org.loyaltyterminal.device.nfc.pcsc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How one PC/SC contactless reader (ACR122U or another CCID reader behind pcscd) is chosen and
 * polled. Validated once, here; every message names the field and the value. Start from
 * {@link #defaults()} and change fields with the {@code with...} methods.
 *
 * @param name              shown in logs and on {@link org.loyaltyterminal.device.nfc.CardRead#source()};
 *                          default {@code "nfc"}
 * @param readerFilter      a substring of the PC/SC reader name (as {@code pcsc_scan -r} lists it,
 *                          e.g. {@code "ACR122"}); empty picks the first reader; default empty
 * @param pollTimeout       how long one wait for a card (or for its removal) blocks in pcscd; also
 *                          bounds how long {@link PcscCardReader#close()} waits; default 500 ms
 * @param absentBeforeRearm how long a card must have been away before the same or another card
 *                          counts as a new presentation; a shorter gap (a card wobbling at the
 *                          edge of the field) is the same presentation; default 300 ms
 * @param reconnectInitial  first wait before looking for pcscd or the reader again; default 250 ms
 * @param reconnectMax      cap of the doubling wait; default 5 s
 * @param library           the libpcsclite the JDK should load, when it is not in the place the
 *                          JDK searches; see {@link PcscLibrary}; default none
 */
public record PcscSettings(
        String name,
        String readerFilter,
        Duration pollTimeout,
        Duration absentBeforeRearm,
        Duration reconnectInitial,
        Duration reconnectMax,
        Optional<Path> library) {

    public static final String DEFAULT_NAME = "nfc";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_ABSENT_BEFORE_REARM = Duration.ofMillis(300);
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);

    public PcscSettings {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw invalid("name", "'" + name + "'", "a non-blank name");
        }
        Objects.requireNonNull(readerFilter, "readerFilter");
        if (!readerFilter.equals(readerFilter.strip())) {
            throw invalid(
                    "readerFilter",
                    "'" + readerFilter + "'",
                    "no leading or trailing blanks (it is matched as a substring of the reader name)");
        }
        requireBetween(pollTimeout, "pollTimeout", Duration.ofMillis(10), Duration.ofSeconds(10));
        requireBetween(absentBeforeRearm, "absentBeforeRearm", Duration.ZERO, Duration.ofSeconds(30));
        requireBetween(reconnectInitial, "reconnectInitial", Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween(reconnectMax, "reconnectMax", reconnectInitial, Duration.ofMinutes(10));
        Objects.requireNonNull(library, "library");
        library.ifPresent(p -> {
            if (!p.isAbsolute()) {
                throw invalid("library", p, "an absolute path such as " + PcscLibrary.defaultPath());
            }
        });
    }

    /** Name "nfc", first reader, poll 500 ms, re-arm after 300 ms away, backoff 250 ms to 5 s, JDK's library search. */
    public static PcscSettings defaults() {
        return new PcscSettings(
                DEFAULT_NAME,
                "",
                DEFAULT_POLL_TIMEOUT,
                DEFAULT_ABSENT_BEFORE_REARM,
                DEFAULT_RECONNECT_INITIAL,
                DEFAULT_RECONNECT_MAX,
                Optional.empty());
    }

    public PcscSettings withName(String v) {
        return with(d -> d.name = v);
    }

    public PcscSettings withReaderFilter(String v) {
        return with(d -> d.readerFilter = v);
    }

    public PcscSettings withPollTimeout(Duration v) {
        return with(d -> d.pollTimeout = v);
    }

    public PcscSettings withAbsentBeforeRearm(Duration v) {
        return with(d -> d.absentBeforeRearm = v);
    }

    /** Sets both ends of the reconnect backoff at once, so they can be validated together. */
    public PcscSettings withReconnectBackoff(Duration initial, Duration max) {
        return with(d -> {
            d.reconnectInitial = initial;
            d.reconnectMax = max;
        });
    }

    /** The libpcsclite to load; it takes effect only through {@link PcscLibrary#select(Path)}. */
    public PcscSettings withLibrary(Path v) {
        return with(d -> d.library = Optional.of(Objects.requireNonNull(v, "library")));
    }

    /** A copy with the change applied, validated by the canonical constructor like any other. */
    private PcscSettings with(Consumer<Draft> change) {
        return new Draft().build(change);
    }

    /** This record's fields as variables, so that each wither names only the fields it changes. */
    private final class Draft {
        private String name = PcscSettings.this.name;
        private String readerFilter = PcscSettings.this.readerFilter;
        private Duration pollTimeout = PcscSettings.this.pollTimeout;
        private Duration absentBeforeRearm = PcscSettings.this.absentBeforeRearm;
        private Duration reconnectInitial = PcscSettings.this.reconnectInitial;
        private Duration reconnectMax = PcscSettings.this.reconnectMax;
        private Optional<Path> library = PcscSettings.this.library;

        private PcscSettings build(Consumer<Draft> change) {
            change.accept(this);
            return new PcscSettings(
                    name, readerFilter, pollTimeout, absentBeforeRearm, reconnectInitial, reconnectMax, library);
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
                "PC/SC reader settings: " + field + " = " + value + " is invalid; expected " + expected);
    }
}
