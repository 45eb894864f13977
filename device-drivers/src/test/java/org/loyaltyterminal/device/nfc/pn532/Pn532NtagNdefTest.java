package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyterminal.device.nfc.pn532.Pn532CodecTest.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.NeedMore;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.Outcome;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.Refused;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.Text;

/** NDEF Text parsing on NTAG user memory bytes. */
class Pn532NtagNdefTest {
    /** The 16 bytes of the worked READ of page 4. */
    private static final byte[] M12345 = hex(
            "03" // TLV type: NDEF message
                    + " 0D" // TLV length 13
                    + " D1" // record header: MB ME SR, TNF 1 well-known
                    + " 01" // type length 1
                    + " 09" // payload length 9
                    + " 54" // type 'T'
                    + " 02" // status: UTF-8, language length 2
                    + " 65 6E" // "en"
                    + " 4D 31 32 33 34 35" // "M12345"
                    + " FE"); // terminator TLV

    static byte[] textTlv(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + 4 + 3 + t.length + 1];
        int len = 4 + 3 + t.length;
        out[0] = 0x03;
        out[1] = (byte) len;
        out[2] = (byte) 0xD1;
        out[3] = 0x01;
        out[4] = (byte) (3 + t.length);
        out[5] = 'T';
        out[6] = 0x02;
        out[7] = 'e';
        out[8] = 'n';
        System.arraycopy(t, 0, out, 9, t.length);
        out[out.length - 1] = (byte) 0xFE;
        return out;
    }

    @Test
    void theWorkedReadYieldsTheMemberNumber() {
        assertEquals(new Text("en", "M12345"), NtagNdef.parse(M12345));
    }

    @Test
    void aLongerTlvAsksForMoreBytesUpToTheBound() {
        byte[] tlv = textTlv("M1234567890123456789012"); // 2 TLV + 4 header + 3 status/lang + 23 + FE = 33
        Outcome first = NtagNdef.parse(Arrays.copyOf(tlv, 16));
        assertEquals(new NeedMore(33), first, "after the first READ");
        byte[] memory = Arrays.copyOf(tlv, 48); // three READs
        assertEquals(new Text("en", "M1234567890123456789012"), NtagNdef.parse(memory));
    }

    @Test
    void nullAndLockControlTlvsBeforeTheMessageAreSkipped() {
        byte[] memory = new byte[32];
        byte[] prefix = hex("00 01 03 A0 0C 34"); // NULL, lock control TLV
        System.arraycopy(prefix, 0, memory, 0, prefix.length);
        System.arraycopy(M12345, 0, memory, prefix.length, M12345.length);
        assertEquals(new Text("en", "M12345"), NtagNdef.parse(memory));
    }

    @Test
    void aTlvLongerThanTheBoundIsRefused() {
        byte[] memory = hex("03 80 D1 01 7C 54 02 65 6E 41 41 41 41 41 41 41");
        Refused r = assertInstanceOf(Refused.class, NtagNdef.parse(memory));
        assertTrue(r.reason().contains("64"), r.reason());
        assertInstanceOf(
                Refused.class, NtagNdef.parse(hex("03 FF 01 00 D1 01 09 54 02 65 6E 4D 31 32 33 34")), "3-byte length");
    }

    @Test
    void malformedNdefIsRefusedWithAReason() {
        record Case(String what, String memory) {}
        for (Case c : new Case[] {
            new Case("blank card", String.join(" ", Collections.nCopies(64, "00"))),
            new Case("terminator only", "FE 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
            new Case("unknown TLV", "42 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
            new Case("no terminator", "03 0D D1 01 09 54 02 65 6E 4D 31 32 33 34 35 00"),
            new Case("URI record, not text", "03 0D D1 01 09 55 02 65 6E 4D 31 32 33 34 35 FE"),
            new Case("payload longer than the message", "03 0D D1 01 29 54 02 65 6E 4D 31 32 33 34 35 FE"),
            new Case("UTF-16 text", "03 0D D1 01 09 54 82 65 6E 4D 31 32 33 34 35 FE"),
            new Case("language longer than payload", "03 0D D1 01 09 54 12 65 6E 4D 31 32 33 34 35 FE"),
            new Case("empty text", "03 07 D1 01 03 54 02 65 6E FE 00 00 00 00 00 00"),
            new Case("control character", "03 0D D1 01 09 54 02 65 6E 4D 31 0A 33 34 35 FE"),
            new Case("chunked record", "03 0D F1 01 09 54 02 65 6E 4D 31 32 33 34 35 FE"),
            new Case("empty message", "03 00 FE 00 00 00 00 00 00 00 00 00 00 00 00 00")
        }) {
            Outcome o = NtagNdef.parse(hex(c.memory()));
            Refused r = assertInstanceOf(Refused.class, o, () -> c.what() + " gave " + o);
            assertTrue(!r.reason().isBlank(), () -> c.what() + " refused without reason");
        }
    }

    @Test
    void textRecordAfterAnotherRecordIsFound() {
        // URI record (MB, SR, TNF 1, 'U', "\u0004x") then Text record (ME, SR)
        byte[] memory = hex("03 13 91 01 02 55 04 78 51 01 09 54 02 65 6E 4D 31 32 33 34 35 FE");
        assertEquals(new Text("en", "M12345"), NtagNdef.parse(Arrays.copyOf(memory, 32)));
    }
}
