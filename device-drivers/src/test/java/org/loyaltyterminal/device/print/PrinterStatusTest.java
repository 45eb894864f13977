package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.print.PrinterStatus.OfflineCause;
import org.loyaltyterminal.device.print.PrinterStatus.Online;
import org.loyaltyterminal.device.print.PrinterStatus.Paper;

class PrinterStatusTest {
    @Test
    void requests() {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals("10 04 01", hex.formatHex(PrinterStatus.Request.PRINTER.bytes())); // DLE EOT 1
        assertEquals("10 04 02", hex.formatHex(PrinterStatus.Request.OFFLINE_CAUSE.bytes())); // DLE EOT 2
        assertEquals("10 04 04", hex.formatHex(PrinterStatus.Request.PAPER.bytes())); // DLE EOT 4
    }

    @Test
    void printerOnlineBit() {
        assertEquals(Online.ONLINE, PrinterStatus.online(0x12)); // 0001 0010: fixed bits only
        assertEquals(Online.OFFLINE, PrinterStatus.online(0x1A)); // 0001 1010: bit 3 offline
        assertEquals(Online.ONLINE, PrinterStatus.online(0x16)); // bit 2 (drawer pin) is not the online bit
    }

    @Test
    void offlineCauses() {
        assertEquals(Set.of(), PrinterStatus.offlineCauses(0x12)); // nothing
        assertEquals(Set.of(OfflineCause.COVER_OPEN), PrinterStatus.offlineCauses(0x16)); // bit 2
        assertEquals(Set.of(OfflineCause.PAPER_END_STOP), PrinterStatus.offlineCauses(0x32)); // bit 5
        assertEquals(Set.of(OfflineCause.ERROR), PrinterStatus.offlineCauses(0x52)); // bit 6
        assertEquals(
                Set.of(OfflineCause.COVER_OPEN, OfflineCause.PAPER_END_STOP, OfflineCause.ERROR),
                PrinterStatus.offlineCauses(0x76)); // bits 2, 5, 6
    }

    @Test
    void paperFromTheReferenceValues() {
        assertEquals(Paper.OK, PrinterStatus.paper(0x12)); // 0001 0010
        assertEquals(Paper.NEAR_END, PrinterStatus.paper(0x1E)); // 0001 1110: bits 2-3
        assertEquals(Paper.END, PrinterStatus.paper(0x72)); // 0111 0010: bits 5-6
        assertEquals(Paper.END, PrinterStatus.paper(0x7E)); // end wins over near end
        assertEquals(Paper.NEAR_END, PrinterStatus.paper(0x16)); // one near-end bit is enough
        assertEquals(Paper.END, PrinterStatus.paper(0x32)); // one end bit is enough
    }

    @Test
    void bytesWithoutTheFixedPatternAreNeverTrusted() {
        for (int reply : new int[] {0x00, 0xFF, 0x92, 0x10, 0x13, 0x02, 0x41}) {
            assertEquals(Online.UNKNOWN, PrinterStatus.online(reply), "online " + Integer.toHexString(reply));
            assertEquals(Set.of(OfflineCause.UNKNOWN), PrinterStatus.offlineCauses(reply));
            assertEquals(Paper.UNKNOWN, PrinterStatus.paper(reply), "paper " + Integer.toHexString(reply));
        }
    }

    @Test
    void readyOnlyWhenOnlineWithPaper() {
        assertTrue(new PrinterStatus(Online.ONLINE, Set.of(), Paper.OK).readyToPrint());
        assertTrue(new PrinterStatus(Online.ONLINE, Set.of(), Paper.NEAR_END).readyToPrint());
        assertFalse(new PrinterStatus(Online.ONLINE, Set.of(), Paper.END).readyToPrint());
        assertFalse(new PrinterStatus(Online.ONLINE, Set.of(), Paper.UNKNOWN).readyToPrint());
        assertFalse(new PrinterStatus(Online.OFFLINE, Set.of(OfflineCause.COVER_OPEN), Paper.OK).readyToPrint());
        assertFalse(new PrinterStatus(Online.UNKNOWN, Set.of(), Paper.OK).readyToPrint());
        assertEquals(
                "offline (cover open, paper end stop), paper end",
                new PrinterStatus(
                                Online.OFFLINE, Set.of(OfflineCause.PAPER_END_STOP, OfflineCause.COVER_OPEN), Paper.END)
                        .describe());
    }
}
