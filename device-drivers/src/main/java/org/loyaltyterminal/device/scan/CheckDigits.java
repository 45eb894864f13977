package org.loyaltyterminal.device.scan;

import java.util.Optional;

/**
 * GS1 check digits for EAN-13, EAN-8, UPC-A and UPC-E: the data digits are weighted 3, 1, 3, 1...
 * from the right, and the check digit is {@code (10 - sum mod 10) mod 10}.
 * Examples: 400638133393 -> 1, UPC-A 03600029145 -> 2, EAN-8 2012345 -> 1.
 */
public final class CheckDigits {
    private CheckDigits() {}

    /** The check digit for {@code data} (digits only, without the check digit). */
    public static int compute(CharSequence data) {
        if (data.isEmpty() || !allDigits(data)) {
            throw new IllegalArgumentException(
                    "check digit: data must be one or more ASCII digits, got " + data.length() + " characters");
        }
        int sum = 0;
        for (int i = data.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (data.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** True if {@code code} is 13 digits with a correct check digit. */
    public static boolean isValidEan13(CharSequence code) {
        return hasValidCheckDigit(code, 13);
    }

    /** True if {@code code} is 8 digits with a correct check digit. */
    public static boolean isValidEan8(CharSequence code) {
        return hasValidCheckDigit(code, 8);
    }

    /** True if {@code code} is 12 digits with a correct check digit. */
    public static boolean isValidUpcA(CharSequence code) {
        return hasValidCheckDigit(code, 12);
    }

    /**
     * True if {@code code} is an 8-digit UPC-E (number system 0 or 1, six data digits, check
     * digit) whose check digit matches that of its UPC-A expansion.
     */
    public static boolean isValidUpcE(CharSequence code) {
        return expandUpcE(code).filter(CheckDigits::isValidUpcA).isPresent();
    }

    /** The 12-digit UPC-A a UPC-E stands for, or empty if {@code code} is not UPC-E shaped. */
    public static Optional<String> expandUpcE(CharSequence code) {
        if (code.length() != 8 || !allDigits(code) || (code.charAt(0) != '0' && code.charAt(0) != '1')) {
            return Optional.empty();
        }
        String s = code.toString();
        char ns = s.charAt(0);
        String d = s.substring(1, 7);
        char check = s.charAt(7);
        char last = d.charAt(5);
        String body = switch (last) {
            case '0', '1', '2' -> d.substring(0, 2) + last + "0000" + d.substring(2, 5);
            case '3' -> d.substring(0, 3) + "00000" + d.substring(3, 5);
            case '4' -> d.substring(0, 4) + "00000" + d.charAt(4);
            default -> d.substring(0, 5) + "0000" + last;
        };
        return Optional.of(ns + body + check);
    }

    /** The check digit actually present (last character) and the one expected, for messages. */
    static String mismatch(CharSequence code) {
        int expected = compute(code.subSequence(0, code.length() - 1));
        return "check digit is " + code.charAt(code.length() - 1) + ", expected " + expected;
    }

    static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasValidCheckDigit(CharSequence code, int length) {
        if (code.length() != length || !allDigits(code)) {
            return false;
        }
        return compute(code.subSequence(0, length - 1)) == code.charAt(length - 1) - '0';
    }
}
