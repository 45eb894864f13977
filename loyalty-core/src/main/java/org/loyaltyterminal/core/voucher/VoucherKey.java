package org.loyaltyterminal.core.voucher;

import java.security.MessageDigest;

/**
 * The chain's key for signing vouchers: at least 32 bytes (the till reads it from a file others
 * cannot read, see the terminal's {@code VoucherKeyFile}). Every till of a chain holds the same key, so any till can verify a voucher that
 * any other till issued. Use a key of its own, not the card secret. Never logged; {@link
 * #toString()} does not show it.
 */
public final class VoucherKey {
    public static final int MIN_BYTES = 32;

    private final byte[] key;

    private VoucherKey(byte[] key) {
        this.key = key;
    }

    public static VoucherKey of(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the voucher key needs at least " + MIN_BYTES + " bytes, this one has "
                    + key.length + "; generate one with 'openssl rand -hex 32'");
        }
        return new VoucherKey(key.clone());
    }

    byte[] key() {
        return key.clone();
    }

    /** Constant-time, so comparing keys tells nothing of where they differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof VoucherKey that && MessageDigest.isEqual(key, that.key);
    }

    /** The length only: a hash of the key would be a clue to it. */
    @Override
    public int hashCode() {
        return key.length;
    }

    @Override
    public String toString() {
        return "VoucherKey(" + key.length + " bytes)";
    }
}
