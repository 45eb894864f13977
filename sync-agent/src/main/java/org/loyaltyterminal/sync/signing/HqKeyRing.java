package org.loyaltyterminal.sync.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.loyaltyterminal.sync.SyncException;

/**
 * The HQ public keys this terminal trusts, by key id. Several may be listed at once so HQ can
 * roll its key: publish the new public key to the tills first, then sign with it.
 */
public record HqKeyRing(Map<String, PublicKey> keys) {
    public HqKeyRing {
        keys = Map.copyOf(keys);
    }

    public Optional<PublicKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Every {@code <id>.pub} file in the folder is a key with that id. */
    public static HqKeyRing fromFolder(Path folder) {
        Map<String, PublicKey> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pub"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                keys.put(name.substring(0, name.length() - ".pub".length()), Ed25519Pem.readPublic(file));
            }
        } catch (IOException e) {
            throw new SyncException("HQ key folder " + folder + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (keys.isEmpty()) {
            throw new SyncException("HQ key folder " + folder + " holds no '<key-id>.pub' file; copy HQ's public"
                    + " signing key there");
        }
        return new HqKeyRing(keys);
    }
}
