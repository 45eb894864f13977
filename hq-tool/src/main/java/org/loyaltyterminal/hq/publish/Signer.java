package org.loyaltyterminal.hq.publish;

import java.nio.file.Path;
import java.security.PrivateKey;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.Ed25519Pem;

/** HQ's private signing key and the id terminals know its public half by. */
public record Signer(String keyId, PrivateKey key) {
    public Signer {
        Topics.requireLevel("key id", keyId);
    }

    public static Signer fromFile(String keyId, Path file) {
        return new Signer(keyId, Ed25519Pem.readPrivate(file));
    }
}
