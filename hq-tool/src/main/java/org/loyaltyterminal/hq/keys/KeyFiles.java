package org.loyaltyterminal.hq.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.Ed25519Pem;

/** HQ's signing key pair as PEM files: {@code ID.key} (PKCS#8, mode 0600) and {@code ID.pub}. */
public final class KeyFiles {
    private KeyFiles() {}

    public record Written(Path privateKey, Path publicKey) {}

    /** Writes a new pair; refuses to overwrite an existing key. */
    public static Written generate(String id, Path folder) {
        Topics.requireLevel("key id", id);
        KeyPair pair = Ed25519Pem.generate();
        Path key = folder.resolve(id + ".key");
        Path pub = folder.resolve(id + ".pub");
        try {
            Files.createDirectories(folder);
            // Created with 0600 from the start: never readable by others, not even for a moment.
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    key,
                    Ed25519Pem.privatePem(pair.getPrivate()),
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(pub, Ed25519Pem.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new HqException(key + " already exists; choose another --id or move the old key away first");
        } catch (IOException e) {
            throw new HqException("key pair '" + id + "' cannot be written to " + folder + ": " + e.getMessage(), e);
        }
        return new Written(key, pub);
    }
}
