package org.loyaltyterminal.hq.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.link.SecretFile;

/**
 * The keyed hash HQ keeps of an erased card instead of the card: HMAC-SHA256 under a secret that
 * lives in a file beside the service, never in the database. A plain hash of a 13-digit card
 * number could be reversed by trying every number; without the secret the database alone cannot.
 */
public final class CardKeys {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec secret;

    public CardKeys(byte[] secret) {
        if (secret.length < 32) {
            throw new HqException("the privacy secret must be at least 32 bytes, was " + secret.length
                    + "; delete the file and let the service make a new one");
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** Reads the secret, or makes one (32 random bytes, mode 0600) when the file does not exist yet. */
    public static CardKeys fromFile(Path file) {
        if (Files.notExists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException e) {
                // Another worker made it first: read theirs.
            } catch (IOException e) {
                throw new HqException(
                        "privacy.secret-file " + file + " cannot be created (" + e.getMessage()
                                + "); check the folder's owner and permissions",
                        e);
            }
        }
        String text = new String(SecretFile.read(file, "privacy.secret-file"), StandardCharsets.US_ASCII).strip();
        try {
            return new CardKeys(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new HqException("privacy.secret-file " + file + " is not hexadecimal; restore it from the backup"
                    + " (erased cards are only recognised with the same secret)");
        }
    }

    /** The card's key: the same card always gives the same key, and the key never gives the card. */
    public String keyOf(String card) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(card.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
