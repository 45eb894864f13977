package org.loyaltyterminal.terminal.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;

/**
 * The chain's secret for hashing card UIDs: at least 32 bytes, written as hex in a file that
 * others cannot read. Never logged; {@link #toString()} does not show it.
 */
public final class CardSecret {
    static final int MIN_BYTES = 32;

    private final byte[] key;

    private CardSecret(byte[] key) {
        this.key = key;
    }

    public static CardSecret of(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "the card secret needs at least " + MIN_BYTES + " bytes, this one has " + key.length);
        }
        return new CardSecret(key.clone());
    }

    /**
     * Reads the secret from {@code file}.
     *
     * @throws IllegalArgumentException with the reason and the fix, for the config loader to report
     */
    public static CardSecret read(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("secret file " + file + " is readable by every user; "
                        + "restrict it: chmod 640 " + file + " (owner root, group of the service user)");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("secret file " + file + " does not exist; create it with "
                    + "'openssl rand -hex 32 > " + file + "' (the same secret on every till of the chain)");
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check, reading below reports real failures.
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file " + file + " cannot be read (" + e.getMessage()
                    + "); check that the service user may read it");
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret file " + file + " does not hold hex digits only; "
                    + "write the secret as hex, e.g. from 'openssl rand -hex 32'");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("secret file " + file + " holds " + key.length + " bytes; use at least "
                    + MIN_BYTES + " ('openssl rand -hex 32')");
        }
        return new CardSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "CardSecret(" + key.length + " bytes)";
    }
}
