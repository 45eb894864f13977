package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding of single frames (terminator already removed), byte by byte. */
class ScanDecoderTest {
    private static final long T = 42L;
    private final ScanDecoder plain = new ScanDecoder("till-1", "", "");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ScanEvent accepted(ScanResult r) {
        return switch (r) {
            case ScanResult.Accepted a -> a.scan();
            case ScanResult.Rejected x -> fail("expected a scan, got rejected " + x);
        };
    }

    private static ScanResult.Rejected rejected(ScanResult r) {
        return switch (r) {
            case ScanResult.Accepted a -> fail("expected a rejection, got scan " + a.scan());
            case ScanResult.Rejected x -> x;
        };
    }

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource({
        // AIM id, payload,                 symbology
        "]E0, 4006381333931,                EAN_13",
        "]E0, 036000291452,                 UPC_A",
        "]E0, 04252614,                     UPC_E",
        "]E4, 20123451,                     EAN_8",
        "]E3, 400638133393112,              EAN_UPC_WITH_ADD_ON",
        "]E3, 400638133393112345,           EAN_UPC_WITH_ADD_ON",
        "]E3, 03600029145212,               EAN_UPC_WITH_ADD_ON",
        "]C0, MEMBER-00042,                 CODE_128",
        "]C1, 0104006381333931,             GS1_128",
        "]A0, CODE39 TEXT,                  CODE_39",
        "]I1, 14006381333938,               ITF",
        "]e0, 0104006381333931,             GS1_DATABAR",
        "]Q1, https://example.org/m/42,     QR",
        "]Q3, 0104006381333931,             GS1_QR",
        "]d1, DM-PAYLOAD,                   DATA_MATRIX",
        "]d2, 0104006381333931,             GS1_DATA_MATRIX",
        "]L0, PDF417 PAYLOAD,               PDF417",
        "]X9, SOMETHING,                    UNKNOWN",
    })
    void recognisesAndStripsTheAimId(String aim, String payload, Symbology expected) {
        ScanEvent scan = accepted(plain.decode(ascii(aim + payload), T));
        assertEquals(expected, scan.symbology(), "symbology of " + aim);
        assertEquals(payload, scan.payload(), "payload with the AIM id removed");
        assertEquals("till-1", scan.source(), "source");
        assertEquals(T, scan.monotonicNanos(), "time");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "]E04006381333932,   BAD_CHECK_DIGIT", // EAN-13, check should be 1
        "]E0036000291453,    BAD_CHECK_DIGIT", // UPC-A, check should be 2
        "]E004252615,        BAD_CHECK_DIGIT", // UPC-E, check should be 4
        "]E420123452,        BAD_CHECK_DIGIT", // EAN-8, check should be 1
        "]E3400638133392112, BAD_CHECK_DIGIT", // add-on with a bad EAN-13 in front
        "]E42012345,         MALFORMED", // EAN-8 with 7 digits
        "]E0400638133393A,   MALFORMED", // a letter in an EAN
        "]E012345,           MALFORMED", // 5 digits under ]E0
        "]E0,                EMPTY", // AIM id and nothing else
    })
    void rejectsBadEanUpcUnderAnAimId(String frame, RejectReason reason) {
        assertEquals(reason, rejected(plain.decode(ascii(frame), T)).reason(), "reason for " + frame);
    }

    @Test
    void withoutAimIdInfersEanUpcOnlyFromAValidCheckDigit() {
        assertEquals(
                Symbology.EAN_13,
                accepted(plain.decode(ascii("4006381333931"), T)).symbology());
        assertEquals(
                Symbology.UPC_A,
                accepted(plain.decode(ascii("036000291452"), T)).symbology());
        assertEquals(
                Symbology.EAN_8, accepted(plain.decode(ascii("20123451"), T)).symbology());
    }

    @Test
    void withoutAimIdAnEanLengthNumberWithWrongCheckDigitIsRejectedNotPassedOnAsUnknown() {
        ScanResult.Rejected r = rejected(plain.decode(ascii("4006381333932"), T));
        assertEquals(RejectReason.BAD_CHECK_DIGIT, r.reason(), "reason");
        assertEquals("EAN_13 check digit is 2, expected 1", r.detail(), "detail names both digits");
        assertEquals(
                RejectReason.BAD_CHECK_DIGIT,
                rejected(plain.decode(ascii("036000291453"), T)).reason());
        assertEquals(
                RejectReason.BAD_CHECK_DIGIT,
                rejected(plain.decode(ascii("20123452"), T)).reason());
    }

    @Test
    void withoutAimIdOtherPayloadsAreUnknown() {
        ScanEvent s = accepted(plain.decode(ascii("M-1234567"), T));
        assertEquals(Symbology.UNKNOWN, s.symbology(), "symbology");
        assertEquals("M-1234567", s.payload(), "payload");
        assertEquals(
                Symbology.UNKNOWN,
                accepted(plain.decode(ascii("12345678901"), T)).symbology(),
                "11 digits");
    }

    @Test
    void bracketWithoutAimShapeIsData() {
        assertEquals("]1", accepted(plain.decode(ascii("]1"), T)).payload());
    }

    @Test
    void stripsPrefixAndSuffixBeforeTheAimId() {
        ScanDecoder d = new ScanDecoder("s", "<<", ">>");
        //                             prefix  AIM   payload        suffix
        ScanEvent s = accepted(d.decode(ascii("<<" + "]E0" + "4006381333931" + ">>"), T));
        assertEquals(Symbology.EAN_13, s.symbology(), "symbology");
        assertEquals("4006381333931", s.payload(), "payload");
    }

    @Test
    void aFrameWithoutTheConfiguredPrefixOrSuffixIsNoise() {
        ScanDecoder d = new ScanDecoder("s", "<<", ">>");
        assertEquals(
                RejectReason.MISSING_PREFIX_OR_SUFFIX,
                rejected(d.decode(ascii("4006381333931>>"), T)).reason());
        assertEquals(
                RejectReason.MISSING_PREFIX_OR_SUFFIX,
                rejected(d.decode(ascii("<<4006381333931"), T)).reason());
        assertEquals(
                RejectReason.MISSING_PREFIX_OR_SUFFIX,
                rejected(d.decode(ascii("<>"), T)).reason(),
                "prefix and suffix overlapping");
        assertEquals(RejectReason.EMPTY, rejected(d.decode(ascii("<<>>"), T)).reason(), "nothing inside");
    }

    @Test
    void nonPrintableBytesMakeTheFrameNoise() {
        byte[] frame = {'1', '2', 0x00, '3'};
        ScanResult.Rejected r = rejected(plain.decode(frame, T));
        assertEquals(RejectReason.NON_PRINTABLE, r.reason(), "reason");
        assertEquals("byte 2 is 0x00", r.detail(), "detail");
        assertEquals("12\\x003 (4 bytes)", r.excerpt(), "escaped excerpt");
        assertEquals(
                RejectReason.NON_PRINTABLE,
                rejected(plain.decode(new byte[] {'A', (byte) 0xC3, (byte) 0xA9}, T))
                        .reason(),
                "UTF-8 outside ASCII");
        assertEquals(
                RejectReason.NON_PRINTABLE,
                rejected(plain.decode(new byte[] {'A', 0x7F}, T)).reason(),
                "DEL");
    }

    @Test
    void gs1SeparatorIsKeptInGs1SymbologiesOnly() {
        //                 AIM    AI 01 + GTIN-14      GS    AI 10 + lot
        String gs1 = "]C1" + "0104006381333931" + "\u001D" + "10ABC";
        ScanEvent s = accepted(plain.decode(ascii(gs1), T));
        assertEquals(Symbology.GS1_128, s.symbology(), "symbology");
        assertEquals("0104006381333931\u001D10ABC", s.payload(), "GS kept for the AI parser");
        assertEquals(
                RejectReason.NON_PRINTABLE,
                rejected(plain.decode(ascii("]C0AB\u001DCD"), T)).reason(),
                "GS in plain Code 128");
        assertEquals(
                RejectReason.NON_PRINTABLE,
                rejected(plain.decode(ascii("AB\u001DCD"), T)).reason(),
                "GS without AIM id");
        assertInstanceOf(ScanResult.Accepted.class, plain.decode(ascii("]d2" + "01040063813339\u001D10X"), T));
    }

    @Test
    void emptyFrameIsRejected() {
        assertEquals(RejectReason.EMPTY, rejected(plain.decode(new byte[0], T)).reason());
    }

    @Test
    void aMisreadCardNumberIsMaskedLikeACardNotShownByItsFirstDigits() {
        ScanResult.Rejected r = rejected(plain.decode(ascii("2412000000018"), T));
        assertEquals(RejectReason.BAD_CHECK_DIGIT, r.reason());
        assertFalse(r.excerpt().contains("24120000"), () -> "excerpt leaks the card's first digits: " + r.excerpt());
        assertEquals("\u2022\u2022\u2022\u20220018 (13 digits)", r.excerpt());
    }

    @Test
    void excerptOfOtherRejectsIsShortAndNeverTheWholeLine() {
        ScanResult.Rejected r = rejected(plain.decode(ascii("ABCDEFGHIJKLMNOP\u0001"), T));
        assertFalse(r.excerpt().contains("ABCDEFGHIJKLMNOP"), () -> "excerpt leaks the payload: " + r.excerpt());
        assertTrue(r.excerpt().startsWith("ABCDEFGH..."), () -> "excerpt: " + r.excerpt());
    }
}
