package org.loyaltyterminal.sync.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import org.loyaltyterminal.sync.SyncException;

/**
 * Ed25519 keys as PEM files, the form {@code openssl genpkey -algorithm ed25519} writes and
 * reads: public keys as X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}), private keys as PKCS#8
 * ({@code PRIVATE KEY}). Only the JDK's own Ed25519 is used.
 */
public final class Ed25519Pem {
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private Ed25519Pem() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SyncException("this JDK offers no Ed25519 key generator", e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    public static PublicKey readPublic(Path file) {
        byte[] der = der(file, PUBLIC);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SyncException(
                    file + ": not an Ed25519 public key (" + e.getMessage()
                            + "); write it with 'openssl pkey -in hq.key -pubout' or 'hq-tool keygen'",
                    e);
        }
    }

    public static PrivateKey readPrivate(Path file) {
        byte[] der = der(file, PRIVATE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SyncException(
                    file + ": not an Ed25519 private key in PKCS#8 form (" + e.getMessage()
                            + "); create one with 'hq-tool keygen' or 'openssl genpkey -algorithm ed25519'",
                    e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        String text;
        try {
            if (Files.size(file) > 16 * 1024) {
                throw new SyncException(file + ": too large for a key file (over 16 KiB)");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SyncException(file + ": cannot read key file (" + e.getMessage() + ")", e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new SyncException(
                    file + ": no '" + begin + "' block; expected a PEM " + type.toLowerCase(Locale.ROOT));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new SyncException(file + ": the PEM block is not valid base64", e);
        }
    }
}
