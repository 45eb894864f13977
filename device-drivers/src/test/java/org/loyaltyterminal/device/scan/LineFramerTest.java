package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;

/** Framing on byte arrays with explicit arrival times; no I/O, no clock. */
class LineFramerTest {
    private static final long MS = 1_000_000L;
    private static final long GAP = 50 * MS;

    private static LineFramer framer(Terminator t, int max) {
        return new LineFramer(t, GAP, max);
    }

    private static List<Framed> feed(LineFramer f, String ascii, long nanos) {
        byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return f.feed(b, 0, b.length, nanos);
    }

    private static List<String> lines(List<Framed> framed) {
        List<String> out = new ArrayList<>();
        for (Framed f : framed) {
            out.add(
                    switch (f) {
                        case Framed.Line l -> new String(l.bytes().toArray(), StandardCharsets.ISO_8859_1);
                        case Framed.Dropped d -> "<" + d.reason() + " " + d.length() + ">";
                    });
        }
        return out;
    }

    @Test
    void crEndsALine() {
        LineFramer f = framer(Terminator.CR, 128);
        assertEquals(List.of("4006381333931"), lines(feed(f, "4006381333931\r", 0)));
    }

    @Test
    void theSameLineFramedTwiceIsEqual() {
        List<Framed> first = feed(framer(Terminator.CR, 128), "4006381333931\r", 0);
        List<Framed> second = feed(framer(Terminator.CR, 128), "4006381333931\r", 0);
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void lfEndsALine() {
        LineFramer f = framer(Terminator.LF, 128);
        assertEquals(List.of("ABC"), lines(feed(f, "ABC\n", 0)));
    }

    @Test
    void crlfYieldsOneLineNotASecondEmptyOne() {
        LineFramer f = framer(Terminator.CRLF, 128);
        //                              line 1   CR LF   line 2  CR LF
        assertEquals(List.of("ABC", "DEF"), lines(feed(f, "ABC\r\nDEF\r\n", 0)));
        assertTrue(f.poll(10 * GAP).isEmpty(), "nothing pending after CRLF");
    }

    @Test
    void crlfSplitAcrossReadsStillOneTerminator() {
        LineFramer f = framer(Terminator.CRLF, 128);
        assertEquals(List.of("ABC"), lines(feed(f, "ABC\r", 0)));
        assertEquals(List.of(), lines(feed(f, "\n", MS)), "the LF completing CRLF yields nothing");
    }

    @Test
    void crConfiguredToleratesAScannerSendingCrlf() {
        LineFramer f = framer(Terminator.CR, 128);
        assertEquals(List.of("A", "B"), lines(feed(f, "A\r\nB\r\n", 0)));
    }

    @Test
    void twoTerminatorsInARowYieldAnEmptyLineForTheDecoderToReject() {
        LineFramer f = framer(Terminator.CR, 128);
        assertEquals(List.of("A", ""), lines(feed(f, "A\r\r", 0)));
    }

    @Test
    void severalLinesInOneChunkComeOutInOrder() {
        LineFramer f = framer(Terminator.CR, 128);
        assertEquals(List.of("1", "2", "3"), lines(feed(f, "1\r2\r3\r", 0)));
    }

    @Test
    void lineSplitAcrossChunksWithinTheGapIsJoined() {
        LineFramer f = framer(Terminator.CR, 128);
        assertEquals(List.of(), lines(feed(f, "40063", 0)));
        assertTrue(f.poll(GAP - 1).isEmpty(), "gap not reached yet");
        assertEquals(List.of("4006381333931"), lines(feed(f, "81333931\r", GAP - 1)));
    }

    @Test
    void noneTerminatorFrameEndsAfterTheGapOnPoll() {
        LineFramer f = framer(Terminator.NONE, 128);
        assertEquals(List.of(), lines(feed(f, "ABC", 0)));
        assertTrue(f.poll(GAP - 1).isEmpty(), "one nanosecond before the gap the frame is still open");
        assertEquals(List.of("ABC"), lines(f.poll(GAP).stream().toList()));
        assertTrue(f.poll(2 * GAP).isEmpty(), "frame emitted once");
    }

    @Test
    void noneTerminatorBytesAfterTheGapStartANewFrame() {
        LineFramer f = framer(Terminator.NONE, 128);
        feed(f, "ABC", 0);
        assertEquals(List.of("ABC"), lines(feed(f, "DEF", GAP + 1)), "old frame closed by the late bytes");
        assertEquals(List.of("DEF"), lines(f.poll(2 * GAP + 1).stream().toList()));
    }

    @Test
    void noneTerminatorKeepsCrAsData() {
        LineFramer f = framer(Terminator.NONE, 128);
        feed(f, "A\rB", 0);
        assertEquals(List.of("A\rB"), lines(f.poll(GAP).stream().toList()), "decoder will reject the CR");
    }

    @Test
    void stalePartialLineIsDroppedAsIncompleteAndDoesNotPrefixTheNextScan() {
        LineFramer f = framer(Terminator.CR, 128);
        feed(f, "999", 0);
        assertEquals(List.of("<INCOMPLETE 3>"), lines(f.poll(GAP).stream().toList()));
        assertEquals(List.of("4006381333931"), lines(feed(f, "4006381333931\r", GAP + MS)));
    }

    @Test
    void stalePartialLineIsDroppedWhenTheNextBytesArriveLate() {
        LineFramer f = framer(Terminator.CR, 128);
        feed(f, "999", 0);
        assertEquals(List.of("<INCOMPLETE 3>", "12"), lines(feed(f, "12\r", GAP)));
    }

    @Test
    void overlongLineIsDroppedWholeThenTheNextLineIsFine() {
        LineFramer f = framer(Terminator.CR, 10);
        // 25 bytes in three chunks, then the terminator, then a good line
        assertEquals(List.of(), lines(feed(f, "ABCDEFGHIJ", 0)));
        assertEquals(List.of(), lines(feed(f, "KLMNOPQRST", MS)));
        assertEquals(List.of("<TOO_LONG 25>", "OK"), lines(feed(f, "UVWXY\rOK\r", 2 * MS)));
    }

    @Test
    void lineOfExactlyMaxLengthIsKept() {
        LineFramer f = framer(Terminator.CR, 5);
        assertEquals(List.of("12345", "<TOO_LONG 6>"), lines(feed(f, "12345\r123456\r", 0)));
    }

    @Test
    void overlongLineWithoutTerminatorEndsAtTheGap() {
        LineFramer f = framer(Terminator.CR, 4);
        feed(f, "123456", 0);
        assertEquals(List.of("<TOO_LONG 6>"), lines(f.poll(GAP).stream().toList()));
        assertEquals(List.of("12"), lines(feed(f, "12\r", GAP + MS)));
    }

    @Test
    void overlongFrameWithNoneTerminatorIsDroppedAtTheGap() {
        LineFramer f = framer(Terminator.NONE, 4);
        feed(f, "12345", 0);
        assertEquals(List.of("<TOO_LONG 5>"), lines(f.poll(GAP).stream().toList()));
    }

    @Test
    void resetForgetsAPartialLine() {
        LineFramer f = framer(Terminator.CR, 128);
        feed(f, "123", 0);
        f.reset();
        assertEquals(List.of("45"), lines(feed(f, "45\r", MS)));
    }
}
