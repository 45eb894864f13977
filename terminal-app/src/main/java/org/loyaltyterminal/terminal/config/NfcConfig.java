package org.loyaltyterminal.terminal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.terminal.card.CardSecret;
import org.loyaltyterminal.terminal.card.UnknownCardPolicy;

/**
 * The contactless reader, as configured under {@code nfc.*}.
 *
 * @param kind          which driver
 * @param port          the serial port of a PN532 (empty for PC/SC)
 * @param readerFilter  PC/SC: part of the reader's name to pick; empty picks the first reader
 * @param pcscLibrary   PC/SC: the libpcsclite to load, when the JDK's default does not find it
 * @param readNdef      also read an NTAG's NDEF Text record carrying a member number
 * @param absent        how long a card must be away before it counts as presented again
 * @param unknownCards  what a card that is linked to no member does
 * @param secret        the chain's key for hashing card UIDs
 */
public record NfcConfig(
        Kind kind,
        String name,
        Optional<Path> port,
        String readerFilter,
        Optional<Path> pcscLibrary,
        boolean readNdef,
        Duration absent,
        UnknownCardPolicy unknownCards,
        CardSecret secret) {

    public enum Kind {
        PN532,
        PCSC
    }

    public NfcConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(readerFilter, "readerFilter");
        Objects.requireNonNull(pcscLibrary, "pcscLibrary");
        Objects.requireNonNull(absent, "absent");
        Objects.requireNonNull(unknownCards, "unknownCards");
        Objects.requireNonNull(secret, "secret");
    }
}
