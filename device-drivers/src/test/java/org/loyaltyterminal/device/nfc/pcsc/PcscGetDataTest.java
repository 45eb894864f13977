package org.loyaltyterminal.device.nfc.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class PcscGetDataTest {
    @Test
    void commandIsGetDataForTheUid() {
        assertArrayEquals(
                new byte[] {
                    (byte) 0xFF, // CLA: addressed to the reader, not the card
                    (byte) 0xCA, // INS: GET DATA
                    0x00, // P1: 00 = UID (01 would be the ATS/historical bytes)
                    0x00, // P2
                    0x00 // Le: as many bytes as the UID has
                },
                GetData.UID_COMMAND);
    }

    @Test
    void sevenByteUidThenOk() {
        byte[] response = {
            0x04,
            (byte) 0xA1,
            (byte) 0xB2,
            (byte) 0xC3,
            (byte) 0xD4,
            (byte) 0xE5,
            (byte) 0xF6, // UID, double size
            (byte) 0x90,
            0x00 // SW1 SW2: success
        };
        GetData.Uid uid = assertInstanceOf(GetData.Uid.class, GetData.parse(response));
        assertArrayEquals(
                new byte[] {0x04, (byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, (byte) 0xE5, (byte) 0xF6},
                uid.uid().toArray());
        assertEquals(GetData.parse(response.clone()), uid, "the same answer twice is equal");
        assertEquals("Uid[(7 bytes)]", uid.toString(), "toString must not show the UID");
    }

    @Test
    void fourAndTenByteUids() {
        assertEquals(
                4,
                assertInstanceOf(GetData.Uid.class, GetData.parse(new byte[] {
                            0x11,
                            0x22,
                            0x33,
                            0x44, // UID, single size
                            (byte) 0x90,
                            0x00 // SW: success
                        }))
                        .uid()
                        .length());
        assertEquals(
                10,
                assertInstanceOf(GetData.Uid.class, GetData.parse(new byte[] {
                            1,
                            2,
                            3,
                            4,
                            5,
                            6,
                            7,
                            8,
                            9,
                            10, // UID, triple size
                            (byte) 0x90,
                            0x00 // SW: success
                        }))
                        .uid()
                        .length());
    }

    @Test
    void errorStatusIsRefused() {
        GetData.Refused refused = assertInstanceOf(GetData.Refused.class, GetData.parse(new byte[] {
            0x6A, (byte) 0x81 // SW: function not supported, no data
        }));
        assertEquals("6A81", refused.hex());
        assertEquals("function not supported", GetData.meaning(refused.sw()));
        assertEquals("operation failed, the card may have left the field", GetData.meaning(0x6300));
    }

    @Test
    void okWithAnImpossibleUidLengthIsMalformed() {
        GetData.Malformed m = assertInstanceOf(GetData.Malformed.class, GetData.parse(new byte[] {
            1,
            2,
            3,
            4,
            5, // five data bytes: no ISO 14443 UID has five
            (byte) 0x90,
            0x00 // SW: success
        }));
        assertEquals("5 data bytes where a UID has 4, 7 or 10", m.reason());
        assertInstanceOf(GetData.Malformed.class, GetData.parse(new byte[] {(byte) 0x90}));
        assertInstanceOf(GetData.Malformed.class, GetData.parse(new byte[] {(byte) 0x90, 0x00}));
    }
}
