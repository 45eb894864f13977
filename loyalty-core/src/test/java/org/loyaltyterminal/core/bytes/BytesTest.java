package org.loyaltyterminal.core.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void equalByContentNotByArray() {
        byte[] a = {1, 2, 3};
        byte[] b = {1, 2, 3};
        assertEquals(Bytes.copyOf(a), Bytes.copyOf(b));
        assertEquals(Bytes.copyOf(a).hashCode(), Bytes.copyOf(b).hashCode());
        assertEquals(Bytes.copyOf(a), Bytes.of((byte) 1, (byte) 2, (byte) 3));
        assertNotEquals(Bytes.copyOf(a), Bytes.of((byte) 1, (byte) 2));
        assertNotEquals(Bytes.copyOf(a), Bytes.of((byte) 1, (byte) 2, (byte) 4));
        assertNotEquals(Bytes.EMPTY, Bytes.of((byte) 0));
        assertEquals(Bytes.EMPTY, Bytes.copyOf(new byte[0]));
    }

    @Test
    void changingTheArrayPassedInOrHandedOutLeavesTheValueAsItWas() {
        byte[] source = {1, 2, 3, 4};
        Bytes bytes = Bytes.copyOf(source);
        source[0] = 9;
        assertEquals(1, bytes.get(0), "changed through the array passed in");

        byte[] varargs = {5, 6};
        Bytes of = Bytes.of(varargs);
        varargs[1] = 9;
        assertEquals(6, of.get(1), "changed through the array passed to of(...)");

        byte[] out = bytes.toArray();
        out[1] = 9;
        assertEquals(2, bytes.get(1), "changed through the array handed out");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, bytes.toArray());
    }

    @Test
    void readsLengthAndSingleBytesAndRanges() {
        byte[] source = {10, 20, 30, 40, 50};
        Bytes middle = Bytes.copyOfRange(source, 1, 4);
        assertEquals(3, middle.length());
        assertFalse(middle.isEmpty());
        assertEquals(20, middle.get(0));
        assertEquals(40, middle.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> middle.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> middle.get(-1));
        assertSame(Bytes.EMPTY, Bytes.copyOfRange(source, 2, 2));
        assertTrue(Bytes.EMPTY.isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.copyOfRange(source, 3, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.copyOfRange(source, 3, 2));
        assertThrows(NullPointerException.class, () -> Bytes.copyOf(null));
    }

    @Test
    void toStringShowsShortValuesWholeAndLongOnesCutShort() {
        assertEquals("Bytes[0]", Bytes.EMPTY.toString());
        assertEquals(
                "Bytes[3: 0A 1B FF]",
                Bytes.of((byte) 0x0A, (byte) 0x1B, (byte) 0xFF).toString());

        byte[] large = new byte[100_000];
        Arrays.fill(large, (byte) 0x41);
        String shown = Bytes.copyOf(large).toString();
        assertTrue(shown.startsWith("Bytes[100000: 41 41 "), shown);
        assertTrue(shown.endsWith(" ...]"), shown);
        assertEquals(Bytes.SHOWN, shown.split("41", -1).length - 1, shown);
        assertTrue(shown.length() < 128, () -> shown.length() + " characters: " + shown);

        byte[] exactlyShown = new byte[Bytes.SHOWN];
        assertFalse(Bytes.copyOf(exactlyShown).toString().contains("..."), "nothing left out");
    }

    @Property(tries = 300)
    void equalExactlyWhenTheArraysAre(@ForAll byte[] a, @ForAll byte[] b) {
        assertEquals(Arrays.equals(a, b), Bytes.copyOf(a).equals(Bytes.copyOf(b)));
        assertEquals(Bytes.copyOf(a), Bytes.copyOf(a.clone()));
        assertEquals(Arrays.hashCode(a), Bytes.copyOf(a).hashCode());
        assertArrayEquals(a, Bytes.copyOf(a).toArray());
    }
}
