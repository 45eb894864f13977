package org.loyaltyterminal.core.bytes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable string of bytes, for records that carry a payload, a frame or a card UID. A record
 * with a {@code byte[]} component compares and hashes by identity and lets whoever passed the array
 * in, or got it back from the accessor, change the record afterwards; one holding {@code Bytes}
 * compares by content and cannot be changed.
 *
 * <p>The bytes are copied on the way in ({@link #of}, {@link #copyOf}, {@link #copyOfRange}) and on
 * the way out ({@link #toArray()}); {@link #get(int)} and {@link #length()} read without copying.
 * {@link #toString()} shows the length and at most the first {@value #SHOWN} bytes in hex, so a
 * large payload cannot flood a log line. A record whose bytes identify a person (a card UID) must
 * still override its own {@code toString} to leave them out.
 */
public final class Bytes {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    /** How many bytes {@link #toString()} shows at most. */
    static final int SHOWN = 32;

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final byte[] bytes;

    private Bytes(byte[] owned) {
        this.bytes = owned;
    }

    /** These bytes, copied. */
    public static Bytes of(byte... bytes) {
        return copyOf(bytes);
    }

    /** A copy of {@code source}: later changes to the array do not show. */
    public static Bytes copyOf(byte[] source) {
        Objects.requireNonNull(source, "source");
        return source.length == 0 ? EMPTY : new Bytes(source.clone());
    }

    /** A copy of {@code source[from]} up to, not including, {@code source[to]}. */
    public static Bytes copyOfRange(byte[] source, int from, int to) {
        Objects.requireNonNull(source, "source");
        Objects.checkFromToIndex(from, to, source.length);
        return from == to ? EMPTY : new Bytes(Arrays.copyOfRange(source, from, to));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}; an {@link IndexOutOfBoundsException} outside 0 to length - 1. */
    public byte get(int index) {
        return bytes[index];
    }

    /** A new array with these bytes: the caller may change it, this value stays as it is. */
    public byte[] toArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@code Bytes[3: 0A 1B FF]}; beyond {@value #SHOWN} bytes, the first {@value #SHOWN} then "...". */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, SHOWN);
        return "Bytes[" + bytes.length + (shown == 0 ? "" : ": " + HEX.formatHex(bytes, 0, shown))
                + (shown < bytes.length ? " ..." : "") + "]";
    }
}
