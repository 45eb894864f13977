package org.loyaltyterminal.terminal.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The store manager's token for the status page when it listens beyond this machine. Read from a
 * file only its owner may read or write: a token others can read protects nothing. Compared in
 * constant time (SHA-256 of both sides, then {@link MessageDigest#isEqual}), so the time a wrong
 * guess takes says nothing about how much of it was right, nor about the token's length.
 */
public final class ManagerToken {
    static final int MIN_LENGTH = 20;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final byte[] digest;

    private ManagerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * Reads the token file.
     *
     * @throws IllegalArgumentException naming the file, what is wrong and the command that fixes it
     */
    public static ManagerToken read(Path file) {
        Set<PosixFilePermission> loose;
        String text;
        try {
            loose = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            loose.retainAll(OTHERS);
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the token file " + file + " does not exist; create it with "
                    + "'openssl rand -hex 32 > " + file + "' and 'chmod 600 " + file + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("the token file " + file + " cannot be read (" + e.getMessage()
                    + "); make the service user its owner: 'chown loyalty " + file + "'");
        }
        if (!loose.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " may be read or written by others ("
                    + PosixFilePermissionsText.of(loose) + "); run 'chmod 600 " + file + "' so only its owner can");
        }
        if (text.length() < MIN_LENGTH || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "the token file " + file + " must hold one token of at least " + MIN_LENGTH
                            + " printable ASCII characters; create one with 'openssl rand -hex 32 > " + file + "'");
        }
        return new ManagerToken(sha256(text));
    }

    /** For the CLI and tests: the token's text is needed to present it. */
    public static String readText(Path file) {
        read(file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("the token file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ManagerToken[hidden]";
    }

    /** "group can read, others can write": which of the loose bits are set, in words. */
    private static final class PosixFilePermissionsText {
        static String of(Set<PosixFilePermission> loose) {
            StringBuilder text = new StringBuilder();
            for (PosixFilePermission p : loose) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append(
                        switch (p) {
                            case GROUP_READ -> "group can read";
                            case GROUP_WRITE -> "group can write";
                            case OTHERS_READ -> "others can read";
                            case OTHERS_WRITE -> "others can write";
                            default -> p.name();
                        });
            }
            return text.toString();
        }
    }
}
