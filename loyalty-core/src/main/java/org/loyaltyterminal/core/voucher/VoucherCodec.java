package org.loyaltyterminal.core.voucher;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads the 16-character voucher code, e.g. {@code 0C00-AS1H-C3HA-PD89}: 15 data
 * symbols of Crockford base32 carrying 51 bits of fields and 24 bits of HMAC-SHA-256, then one
 * check symbol. Pure: no clock, no I/O. The layout and its limits are in docs/voucher-codes.md.
 */
public final class VoucherCodec {
    static final int DATA_SYMBOLS = 15;
    static final int SYMBOLS = DATA_SYMBOLS + 1;
    static final int MAC_BITS = 24;
    static final int FIELD_BITS =
            VoucherCode.TERMINAL_BITS + VoucherCode.SEQUENCE_BITS + VoucherCode.DAY_BITS + VoucherCode.REWARD_BITS;
    static final int DATA_BITS = FIELD_BITS + MAC_BITS;

    private static final String ALGORITHM = "HmacSHA256";
    /** Separates voucher signatures from any other use of the key, and this layout from later ones. */
    private static final byte[] DOMAIN = "org.loyaltyterminal voucher v1\0".getBytes(StandardCharsets.US_ASCII);

    private static final int GROUP = 4;
    /** Longer input is refused without looking at it: a scan of the wrong barcode, not a typo. */
    private static final int MAX_TYPED = 64;

    /** The printable code for {@code code}, grouped as XXXX-XXXX-XXXX-XXXX. */
    public String issue(VoucherCode code, VoucherKey key) {
        long fields = fields(code);
        return print(fields, mac(fields, key));
    }

    /**
     * Checks a typed or scanned code against the chain key, without looking at its expiry. Case,
     * dashes and spaces do not matter; I and L are read as 1, O as 0.
     */
    public VoucherCheck verify(String typed, VoucherKey key) {
        int[] symbols = new int[SYMBOLS];
        int count = 0;
        if (typed.length() > MAX_TYPED) {
            return new VoucherCheck.Malformed("it has " + typed.length() + " characters, a voucher code has " + SYMBOLS
                    + "; scan or type the code printed on the voucher");
        }
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            int value = VoucherAlphabet.value(c);
            if (value == VoucherAlphabet.NONE) {
                return new VoucherCheck.Malformed("character '" + c + "' (number " + (count + 1)
                        + ") is not used in voucher codes; retype the code from the voucher");
            }
            if (count < SYMBOLS) {
                symbols[count] = value;
            }
            count++;
        }
        if (count != SYMBOLS) {
            return new VoucherCheck.Malformed("it has " + count + " characters, a voucher code has " + SYMBOLS
                    + " (dashes and spaces aside); retype the code from the voucher");
        }
        if (VoucherAlphabet.check(symbols, DATA_SYMBOLS) != symbols[DATA_SYMBOLS]) {
            return new VoucherCheck.CheckCharacterWrong();
        }
        long fields = fields(symbols);
        byte[] typedMac = macBytes(mac(symbols));
        byte[] expectedMac = macBytes(mac(fields, key));
        if (!MessageDigest.isEqual(typedMac, expectedMac)) {
            return new VoucherCheck.SignatureInvalid();
        }
        return new VoucherCheck.Valid(code(fields));
    }

    /**
     * As {@link #verify(String, VoucherKey)}, and a genuine code is {@link VoucherCheck.Expired}
     * when {@code today} is after its last day of validity. A voucher is valid through the whole of
     * its last day, by the till's local date.
     */
    public VoucherCheck verify(String typed, VoucherKey key, LocalDate today) {
        VoucherCheck check = verify(typed, key);
        if (check instanceof VoucherCheck.Valid(VoucherCode code) && !code.isValidOn(today)) {
            return new VoucherCheck.Expired(code, today);
        }
        return check;
    }

    /**
     * The 75 data bits, the 51 field bits then the 24 MAC bits, most significant first, as 15
     * symbols; then the check symbol; grouped by four.
     */
    static String print(long fields, long mac) {
        int[] symbols = new int[SYMBOLS];
        for (int bit = 0; bit < DATA_BITS; bit++) {
            long value = bit < FIELD_BITS ? fields >>> (FIELD_BITS - 1 - bit) : mac >>> (DATA_BITS - 1 - bit);
            symbols[bit / 5] = (symbols[bit / 5] << 1) | (int) (value & 1);
        }
        symbols[DATA_SYMBOLS] = VoucherAlphabet.check(symbols, DATA_SYMBOLS);
        StringBuilder printed = new StringBuilder(SYMBOLS + SYMBOLS / GROUP);
        for (int i = 0; i < SYMBOLS; i++) {
            if (i > 0 && i % GROUP == 0) {
                printed.append('-');
            }
            printed.append(VoucherAlphabet.symbol(symbols[i]));
        }
        return printed.toString();
    }

    /** The 51 field bits of the first 15 symbol values. */
    static long fields(int[] symbols) {
        return dataBits(symbols, 0, FIELD_BITS);
    }

    /** The 24 MAC bits of the first 15 symbol values. */
    static long mac(int[] symbols) {
        return dataBits(symbols, FIELD_BITS, MAC_BITS);
    }

    private static long dataBits(int[] symbols, int first, int count) {
        long value = 0;
        for (int bit = first; bit < first + count; bit++) {
            value = (value << 1) | ((symbols[bit / 5] >>> (4 - bit % 5)) & 1);
        }
        return value;
    }

    private static long fields(VoucherCode code) {
        long fields = code.terminal();
        fields = (fields << VoucherCode.SEQUENCE_BITS) | code.sequence();
        fields = (fields << VoucherCode.DAY_BITS) | code.dayNumber();
        fields = (fields << VoucherCode.REWARD_BITS) | code.rewardSlot();
        return fields;
    }

    private static VoucherCode code(long fields) {
        int rewardSlot = (int) (fields & VoucherCode.MAX_REWARD_SLOT);
        int day = (int) ((fields >>> VoucherCode.REWARD_BITS) & ((1 << VoucherCode.DAY_BITS) - 1));
        int sequence = (int) ((fields >>> (VoucherCode.REWARD_BITS + VoucherCode.DAY_BITS)) & VoucherCode.MAX_SEQUENCE);
        int terminal = (int) (fields >>> (VoucherCode.REWARD_BITS + VoucherCode.DAY_BITS + VoucherCode.SEQUENCE_BITS));
        return new VoucherCode(terminal, sequence, VoucherCode.FIRST_DAY.plusDays(day), rewardSlot);
    }

    /** The first 24 bits of HMAC-SHA-256(key, domain ‖ the 51 field bits as 7 big-endian bytes). */
    private static long mac(long fields, VoucherKey key) {
        byte[] digest;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.key(), ALGORITHM));
            mac.update(DOMAIN);
            for (int shift = 48; shift >= 0; shift -= 8) {
                mac.update((byte) (fields >>> shift));
            }
            digest = mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK; this runtime lacks it", e);
        }
        return ((digest[0] & 0xFFL) << 16) | ((digest[1] & 0xFFL) << 8) | (digest[2] & 0xFFL);
    }

    private static byte[] macBytes(long mac) {
        return new byte[] {(byte) (mac >>> 16), (byte) (mac >>> 8), (byte) mac};
    }
}
