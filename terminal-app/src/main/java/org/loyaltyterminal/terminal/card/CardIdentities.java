package org.loyaltyterminal.terminal.card;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a card UID into the only form the terminal keeps: HMAC-SHA-256 with the chain's secret.
 * A UID is readable by anyone with a phone, so a plain hash would be reversible by trying every
 * UID; with the key, the stored value says nothing without the secret. The same secret on every
 * till of a chain gives the same identity everywhere, so HQ can link cards across stores.
 */
public final class CardIdentities {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CardIdentities(CardSecret secret) {
        this.key = new SecretKeySpec(secret.key(), ALGORITHM);
    }

    /** The card's identity: 64 lower-case hex digits. */
    public String identify(byte[] uid) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(uid));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK; this runtime lacks it", e);
        }
    }

    /** A short form for logs: enough to tell cards apart in one store's journal, not to find one. */
    public static String shortForm(String identity) {
        return "card#" + identity.substring(0, 8);
    }
}
