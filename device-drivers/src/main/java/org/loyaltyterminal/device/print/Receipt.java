package org.loyaltyterminal.device.print;

import java.util.Arrays;

/**
 * The bytes of one receipt, ready to send, and how many characters of its text the code page
 * could not encode (each printed as a visible replacement character).
 */
public final class Receipt {
    private final byte[] bytes;
    private final int replacedCharacters;

    Receipt(byte[] bytes, int replacedCharacters) {
        this.bytes = bytes.clone();
        this.replacedCharacters = replacedCharacters;
    }

    /** A copy of the bytes to send. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Characters of the text that the code page could not encode and were replaced. */
    public int replacedCharacters() {
        return replacedCharacters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && r.replacedCharacters == replacedCharacters && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + replacedCharacters;
    }

    @Override
    public String toString() {
        return "Receipt[" + bytes.length + " bytes, " + replacedCharacters + " characters replaced]";
    }
}
