package org.loyaltyterminal.device.print;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.device.print.EscPosEvent.Align;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeHeight;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeText;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeWidth;
import org.loyaltyterminal.device.print.EscPosEvent.Bold;
import org.loyaltyterminal.device.print.EscPosEvent.Code128;
import org.loyaltyterminal.device.print.EscPosEvent.CodePageSelected;
import org.loyaltyterminal.device.print.EscPosEvent.Cut;
import org.loyaltyterminal.device.print.EscPosEvent.Feed;
import org.loyaltyterminal.device.print.EscPosEvent.Initialise;
import org.loyaltyterminal.device.print.EscPosEvent.QrLevel;
import org.loyaltyterminal.device.print.EscPosEvent.QrModel;
import org.loyaltyterminal.device.print.EscPosEvent.QrPrint;
import org.loyaltyterminal.device.print.EscPosEvent.QrSize;
import org.loyaltyterminal.device.print.EscPosEvent.QrStore;
import org.loyaltyterminal.device.print.EscPosEvent.Size;
import org.loyaltyterminal.device.print.EscPosEvent.Text;
import org.loyaltyterminal.device.print.EscPosEvent.Unknown;

/**
 * Reads back exactly the ESC/POS subset {@link EscPos} emits, for the daemon's demo and for
 * end-to-end tests: what a printer emulator received becomes a list of {@link EscPosEvent}s.
 * Anything else, including a known command with a parameter outside what the builder sends, is
 * an {@link Unknown}. Text is decoded with the charset of the last selected code page; before
 * any {@code ESC t}, and after an unconfigured one, with PC437 (the printers' power-on default).
 */
public final class EscPosDecoder {
    private static final Charset POWER_ON = Charset.forName("IBM437");
    private static final int LF = 0x0A;
    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;

    private final Map<Integer, Charset> charsets;

    /** @param codePages the pairs the printer is configured with; numbers must be distinct */
    public EscPosDecoder(List<CodePage> codePages) {
        this.charsets = codePages.stream().collect(Collectors.toUnmodifiableMap(CodePage::number, CodePage::charset));
    }

    public static EscPosDecoder of(CodePage... codePages) {
        return new EscPosDecoder(List.of(codePages));
    }

    /**
     * One event and the bytes it was read from, {@code [offset, offset + length)} of the input.
     * A receiver that gets a stream in pieces needs this to split it where a command ends, e.g.
     * a receipt after its cut, and keep a command cut short by the end of a piece for the next.
     */
    public record Span(int offset, int length, EscPosEvent event) {
        public Span {
            Objects.requireNonNull(event, "event");
            if (offset < 0 || length < 1) {
                throw new IllegalArgumentException("span: offset " + offset + " and length " + length
                        + " must be >= 0 and >= 1; every event comes from at least one byte");
            }
        }

        /** The offset just past this event's bytes. */
        public int end() {
            return offset + length;
        }
    }

    public List<EscPosEvent> decode(byte[] bytes) {
        return spans(bytes).stream().map(Span::event).toList();
    }

    /** As {@link #decode}, with where each event came from; the spans cover the input without gaps. */
    public List<Span> spans(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Run(bytes).decode();
    }

    private final class Run {
        private final byte[] in;
        private final List<Span> events = new ArrayList<>();
        private Charset charset = POWER_ON;
        private int pos;

        Run(byte[] in) {
            this.in = in;
        }

        List<Span> decode() {
            while (pos < in.length) {
                int b = u(pos);
                if (b == ESC) {
                    esc();
                } else if (b == GS) {
                    gs();
                } else if (b >= 0x20 || b == LF) {
                    text();
                } else {
                    unknown(pos, pos + 1);
                }
            }
            return List.copyOf(events);
        }

        private void text() {
            int start = pos;
            while (pos < in.length && (u(pos) >= 0x20 || u(pos) == LF) && u(pos) != 0x7F) {
                pos++;
            }
            if (pos == start) {
                unknown(pos, pos + 1);
                return;
            }
            events.add(new Span(start, pos - start, new Text(new String(in, start, pos - start, charset))));
        }

        private void esc() {
            if (!has(2)) {
                unknown(pos, in.length);
                return;
            }
            int cmd = u(pos + 1);
            if (cmd == 0x40) {
                emit(2, new Initialise());
                return;
            }
            if (!has(3)) {
                unknown(pos, in.length);
                return;
            }
            int n = u(pos + 2);
            switch (cmd) {
                case 0x74 -> {
                    charset = charsets.getOrDefault(n, POWER_ON);
                    emit(3, new CodePageSelected(n));
                }
                case 0x61 -> emitOf(Alignment.ofCode(n), 3, Align::new);
                case 0x45 -> emitIf(n <= 1, 3, () -> new Bold(n == 1));
                case 0x64 -> emit(3, new Feed(n));
                default -> unknown(pos, pos + 2);
            }
        }

        private void gs() {
            if (!has(3)) {
                unknown(pos, in.length);
                return;
            }
            int cmd = u(pos + 1);
            int n = u(pos + 2);
            switch (cmd) {
                case 0x21 -> emitIf((n & 0x88) == 0, 3, () -> new Size((n >> 4) + 1, (n & 0x0F) + 1));
                case 0x68 -> emitIf(n >= 1, 3, () -> new BarcodeHeight(n));
                case 0x77 -> emitIf(n >= 2 && n <= 6, 3, () -> new BarcodeWidth(n));
                case 0x48 -> emitOf(HriPosition.ofCode(n), 3, BarcodeText::new);
                case 0x56 -> cut(n);
                case 0x6B -> code128(n);
                case 0x28 -> functionK(n);
                default -> unknown(pos, pos + 2);
            }
        }

        private void cut(int m) {
            if (!has(4) || (m != 0x41 && m != 0x42)) {
                unknown(pos, Math.min(in.length, pos + 3));
                return;
            }
            emit(4, new Cut(m == 0x41 ? CutMode.FULL : CutMode.PARTIAL, u(pos + 3)));
        }

        private void code128(int m) {
            if (m != 0x49 || !has(4)) {
                unknown(pos, Math.min(in.length, pos + 3));
                return;
            }
            int n = u(pos + 3);
            if (n < 2 || !has(4 + n) || u(pos + 4) != '{' || u(pos + 5) != 'B') {
                unknown(pos, Math.min(in.length, pos + 4 + n));
                return;
            }
            emit(4 + n, new Code128(new String(in, pos + 6, n - 2, StandardCharsets.US_ASCII)));
        }

        /** {@code GS ( k pL pH cn fn ...}; only cn = 49 (QR). */
        private void functionK(int k) {
            if (k != 0x6B) {
                unknown(pos, pos + 3);
                return;
            }
            if (!has(5)) {
                // pL pH cut off by the end of input: the bytes there are all this command's
                unknown(pos, in.length);
                return;
            }
            int length = u(pos + 3) | (u(pos + 4) << 8);
            int total = 5 + length;
            // length >= 3 and has(total) also make cn, fn and the first parameter (pos + 5..7) present
            if (length < 3 || !has(total) || u(pos + 5) != 0x31) {
                unknown(pos, Math.min(in.length, pos + total));
                return;
            }
            int fn = u(pos + 6);
            int p = u(pos + 7);
            switch (fn) {
                case 0x41 -> emitIf(length == 4 && p == 0x32 && u(pos + 8) == 0, total, () -> new QrModel(p - 0x30));
                case 0x43 -> emitIf(length == 3 && p >= 1 && p <= 16, total, () -> new QrSize(p));
                case 0x45 -> emitOf(length == 3 ? QrErrorCorrection.ofCode(p) : Optional.empty(), total, QrLevel::new);
                case 0x50 ->
                    emitIf(
                            p == 0x30,
                            total,
                            () -> new QrStore(new String(in, pos + 8, length - 3, StandardCharsets.UTF_8)));
                case 0x51 -> emitIf(length == 3 && p == 0x30, total, QrPrint::new);
                default -> unknown(pos, pos + total);
            }
        }

        /** Emits the event for a command byte the manual defines, and reports any other value as unknown. */
        private <T> void emitOf(Optional<T> value, int length, Function<T, EscPosEvent> event) {
            if (value.isPresent()) {
                emit(length, event.apply(value.get()));
            } else {
                unknown(pos, pos + length);
            }
        }

        private void emitIf(boolean valid, int length, Supplier<EscPosEvent> event) {
            if (valid) {
                emit(length, event.get());
            } else {
                unknown(pos, pos + length);
            }
        }

        private void emit(int length, EscPosEvent event) {
            events.add(new Span(pos, length, event));
            pos += length;
        }

        private void unknown(int from, int to) {
            events.add(new Span(from, to - from, new Unknown(Bytes.copyOfRange(in, from, to))));
            pos = to;
        }

        private boolean has(int count) {
            return pos + count <= in.length;
        }

        private int u(int i) {
            return in[i] & 0xFF;
        }
    }
}
