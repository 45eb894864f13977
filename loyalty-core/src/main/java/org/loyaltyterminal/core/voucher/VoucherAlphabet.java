package org.loyaltyterminal.core.voucher;

/**
 * Crockford's base32 alphabet and the check symbol over it. The check symbol makes the weighted
 * sum of all 16 symbols zero in GF(32) (polynomial x^5 + x^2 + 1), with the distinct non-zero
 * weights α^15 .. α^0 from the first symbol to the check symbol. A single wrong symbol changes the
 * sum by weight × difference, which is never zero in a field; swapping two symbols changes it by
 * (weight₁ + weight₂) × (a + b), never zero because the weights differ. See docs/voucher-codes.md.
 */
final class VoucherAlphabet {
    static final String SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Not a symbol: a separator, a character outside the alphabet. */
    static final int NONE = -1;

    private static final int FIELD_POLYNOMIAL = 0b100101;

    private VoucherAlphabet() {}

    static char symbol(int value) {
        return SYMBOLS.charAt(value);
    }

    /** The value of a typed character, case-insensitive, with I and L read as 1 and O as 0; or {@link #NONE}. */
    static int value(char typed) {
        char c = Character.toUpperCase(typed);
        return switch (c) {
            case 'I', 'L' -> 1;
            case 'O' -> 0;
            default -> c < 128 ? SYMBOLS.indexOf(c) : NONE;
        };
    }

    /** The check symbol's value for the first {@code count} values of {@code data}. */
    static int check(int[] data, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum = timesAlpha(sum ^ data[i]);
        }
        return sum;
    }

    private static int timesAlpha(int element) {
        int shifted = element << 1;
        return (shifted & 0b100000) == 0 ? shifted : shifted ^ FIELD_POLYNOMIAL;
    }
}
