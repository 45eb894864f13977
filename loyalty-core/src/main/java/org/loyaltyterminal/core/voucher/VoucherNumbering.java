package org.loyaltyterminal.core.voucher;

/**
 * How a terminal numbers its vouchers: one after the other, wrapping after the bits a code
 * carries, from a first number drawn at random, so that a till whose database was replaced starts
 * elsewhere in the range instead of re-issuing the numbers (and so the references) of its earlier
 * vouchers. The draw itself is the caller's: the core holds no random source.
 */
public final class VoucherNumbering {
    /** How many numbers there are: draw the first one uniformly below this. */
    public static final int RANGE = VoucherCode.MAX_SEQUENCE + 1;

    private VoucherNumbering() {}

    /** The first number, from a draw in {@code [0, RANGE)}. */
    public static int first(int draw) {
        if (draw < 0 || draw >= RANGE) {
            throw new IllegalArgumentException("a first voucher number is drawn in [0, " + RANGE + "), not " + draw);
        }
        return draw;
    }

    /** The number after {@code sequence}, 0 after the last. */
    public static int after(int sequence) {
        return (sequence + 1) & VoucherCode.MAX_SEQUENCE;
    }
}
