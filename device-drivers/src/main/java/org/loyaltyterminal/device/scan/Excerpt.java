package org.loyaltyterminal.device.scan;

import java.nio.charset.StandardCharsets;

/**
 * A short, escaped excerpt of a rejected frame for a log line. Scanned codes can be member card
 * numbers, which are personal data: logs get at most the first {@value #MAX_CHARS} bytes, with
 * non-printable bytes escaped as {@code \xNN}, and the total length.
 */
final class Excerpt {
    static final int MAX_CHARS = 8;

    private Excerpt() {}

    static String of(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b <= 0x7E && b != '\\' && b != '"') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > shown) {
            sb.append("...");
        }
        return sb.append(" (").append(bytes.length).append(" bytes)").toString();
    }

    /**
     * An EAN/UPC code (digits only) that may be a member card number, shown as cards are
     * everywhere: its last four digits behind bullets, and its length.
     */
    static String masked(String digits) {
        String tail = digits.length() <= 4 ? "" : digits.substring(digits.length() - 4);
        return "\u2022\u2022\u2022\u2022" + tail + " (" + digits.length() + " digits)";
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
