package org.loyaltyterminal.device.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;

/**
 * Cuts the byte stream of one scanner into frames. Pure: no I/O, no clock of its own; the
 * reader passes the ticker time at which each chunk of bytes arrived, and calls {@link #poll}
 * when a read timed out so that silence can end a frame.
 *
 * <p>Rules:
 * <ul>
 *   <li>With a terminator configured (CR, LF or CRLF), a line ends at CR or at LF, and an LF
 *       right after a CR belongs to the same terminator. The three settings are accepted
 *       interchangeably because a scanner sending CRLF to a till configured for CR is the most
 *       common misconfiguration and costs nothing to tolerate; CRLF never yields an empty second
 *       line. Two terminators in a row do yield an empty line (the decoder rejects it as EMPTY).</li>
 *   <li>With terminator NONE, a frame ends when the line has been silent for the gap: either
 *       {@link #poll} notices, or the next bytes arrive after the gap.</li>
 *   <li>With a terminator, a partial line followed by silence longer than the gap is dropped as
 *       {@link RejectReason#INCOMPLETE}, so its bytes never prefix the next scan.</li>
 *   <li>A line longer than the maximum is dropped whole as {@link RejectReason#TOO_LONG}: the
 *       rest of it up to its terminator (or gap) is swallowed, never emitted as a second scan.</li>
 * </ul>
 * Not thread-safe: owned by the reader thread.
 */
final class LineFramer {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final Terminator terminator;
    private final long gapNanos;
    private final byte[] line;
    private int kept;
    private int seen;
    private boolean lastWasCr;
    private long lastByteNanos;

    LineFramer(Terminator terminator, long gapNanos, int maxLineLength) {
        this.terminator = terminator;
        this.gapNanos = gapNanos;
        this.line = new byte[maxLineLength];
    }

    static LineFramer of(ScannerSettings settings) {
        return new LineFramer(settings.terminator(), settings.interCharGap().toNanos(), settings.maxLineLength());
    }

    /** Feeds {@code count} bytes from {@code data} that arrived at {@code nowNanos}. */
    List<Framed> feed(byte[] data, int offset, int count, long nowNanos) {
        List<Framed> out = new ArrayList<>(2);
        if (count == 0) {
            return out;
        }
        endByGap(nowNanos).ifPresent(out::add);
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (terminator != Terminator.NONE && (b == CR || b == LF)) {
                boolean secondHalfOfCrLf = b == LF && lastWasCr;
                lastWasCr = b == CR;
                if (!secondHalfOfCrLf) {
                    out.add(endLine(nowNanos));
                }
                continue;
            }
            lastWasCr = false;
            seen++;
            if (seen <= line.length) {
                line[kept++] = b;
            }
        }
        lastByteNanos = nowNanos;
        return out;
    }

    /** Called when a read returned nothing: ends a frame (or drops a partial line) after the gap. */
    Optional<Framed> poll(long nowNanos) {
        return endByGap(nowNanos);
    }

    /** Forgets a partial line, e.g. when the device went away mid-line. */
    void reset() {
        kept = 0;
        seen = 0;
        lastWasCr = false;
    }

    /** True while bytes of an unfinished line are held. */
    boolean hasPartial() {
        return seen > 0;
    }

    private Optional<Framed> endByGap(long nowNanos) {
        if (seen == 0 || nowNanos - lastByteNanos < gapNanos) {
            return Optional.empty();
        }
        if (seen > line.length) {
            return Optional.of(endLine(nowNanos));
        }
        if (terminator == Terminator.NONE) {
            return Optional.of(endLine(nowNanos));
        }
        Framed dropped =
                new Framed.Dropped(RejectReason.INCOMPLETE, seen, Excerpt.of(Arrays.copyOf(line, kept)), nowNanos);
        reset();
        return Optional.of(dropped);
    }

    private Framed endLine(long nowNanos) {
        Framed framed = seen > line.length
                ? new Framed.Dropped(RejectReason.TOO_LONG, seen, Excerpt.of(Arrays.copyOf(line, kept)), nowNanos)
                : new Framed.Line(Bytes.copyOfRange(line, 0, kept), nowNanos);
        kept = 0;
        seen = 0;
        return framed;
    }
}
