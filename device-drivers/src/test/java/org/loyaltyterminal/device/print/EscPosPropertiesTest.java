package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The receipt builder {@link EscPos} and the {@link EscPosDecoder} as a pair: what is built from
 * generated lines and commands reads back as the same events, and arbitrary bytes read back as
 * events that cover the input exactly, without an exception (the decoder has none for bad input:
 * anything outside the subset is an {@link EscPosEvent.Unknown}).
 */
class EscPosPropertiesTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final EscPosDecoder DECODER = EscPosDecoder.of(CodePage.PC858, CodePage.WPC1252);

    /** One builder call and the events it must read back as. */
    sealed interface Op {
        void apply(EscPos receipt);

        List<EscPosEvent> events();
    }

    record Line(String text) implements Op {
        @Override
        public void apply(EscPos r) {
            r.line(text);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Text(text + "\n"));
        }
    }

    record Text(String text) implements Op {
        @Override
        public void apply(EscPos r) {
            r.text(text);
        }

        @Override
        public List<EscPosEvent> events() {
            return text.isEmpty() ? List.of() : List.of(new EscPosEvent.Text(text));
        }
    }

    record Align(Alignment alignment) implements Op {
        @Override
        public void apply(EscPos r) {
            r.align(alignment);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Align(alignment));
        }
    }

    record Bold(boolean on) implements Op {
        @Override
        public void apply(EscPos r) {
            r.bold(on);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Bold(on));
        }
    }

    record Size(int width, int height) implements Op {
        @Override
        public void apply(EscPos r) {
            r.size(width, height);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Size(width, height));
        }
    }

    record Feed(int lines) implements Op {
        @Override
        public void apply(EscPos r) {
            r.feed(lines);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Feed(lines));
        }
    }

    record Cut(CutMode mode, int feed) implements Op {
        @Override
        public void apply(EscPos r) {
            r.cut(mode, feed);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(new EscPosEvent.Cut(mode, feed));
        }
    }

    record Barcode(int height, int width, HriPosition hri, String data) implements Op {
        @Override
        public void apply(EscPos r) {
            r.barcodeHeight(height).barcodeWidth(width).barcodeText(hri).code128(data);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(
                    new EscPosEvent.BarcodeHeight(height),
                    new EscPosEvent.BarcodeWidth(width),
                    new EscPosEvent.BarcodeText(hri),
                    new EscPosEvent.Code128(data));
        }
    }

    record Qr(String data, int moduleSize, QrErrorCorrection level) implements Op {
        @Override
        public void apply(EscPos r) {
            r.qr(data, moduleSize, level);
        }

        @Override
        public List<EscPosEvent> events() {
            return List.of(
                    new EscPosEvent.QrModel(2),
                    new EscPosEvent.QrSize(moduleSize),
                    new EscPosEvent.QrLevel(level),
                    new EscPosEvent.QrStore(data),
                    new EscPosEvent.QrPrint());
        }
    }

    // ---- properties ----------------------------------------------------------------------------

    @Property(tries = 500)
    void aBuiltReceiptDecodesToTheEventsItWasBuiltFrom(@ForAll("receipts") Tuple.Tuple2<CodePage, List<Op>> receipt) {
        CodePage codePage = receipt.get1();
        EscPos builder = EscPos.start(codePage, 48);
        receipt.get2().forEach(op -> op.apply(builder));
        Receipt built = builder.build();

        List<EscPosEvent> expected = new ArrayList<>();
        expected.add(new EscPosEvent.Initialise());
        expected.add(new EscPosEvent.CodePageSelected(codePage.number()));
        receipt.get2().forEach(op -> op.events().forEach(e -> addMergingText(expected, e)));

        List<EscPosDecoder.Span> spans = DECODER.spans(built.bytes());
        assertEquals(
                expected,
                spans.stream().map(EscPosDecoder.Span::event).toList(),
                () -> "receipt " + HEX.formatHex(built.bytes()));
        assertEquals(0, built.replacedCharacters(), "text drawn from the code page needs no replacement");
        assertCovers(built.bytes(), spans);
    }

    /**
     * Arbitrary bytes, biased towards ESC, GS and the command bytes of the subset so that every
     * command path sees truncated and out-of-range parameters: the events cover the input exactly,
     * in order, each from at least one byte; nothing is thrown; the decoding ends.
     */
    @Property(tries = 1000)
    void anyBytesDecodeWithoutAnExceptionIntoEventsThatCoverTheInput(@ForAll("noise") byte[] bytes) {
        List<EscPosDecoder.Span> spans = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> DECODER.spans(bytes),
                () -> "decoding " + bytes.length + " bytes did not end: " + HEX.formatHex(bytes));
        assertCovers(bytes, spans);
    }

    /** A valid receipt cut off anywhere: the complete commands before the cut read back unchanged. */
    @Property(tries = 500)
    void aReceiptCutShortKeepsEveryEventBeforeTheCut(
            @ForAll("receipts") Tuple.Tuple2<CodePage, List<Op>> receipt, @ForAll double where) {
        EscPos builder = EscPos.start(receipt.get1(), 48);
        receipt.get2().forEach(op -> op.apply(builder));
        byte[] whole = builder.build().bytes();
        int cut = (int) Math.floor(Math.abs(where) % 1.0 * whole.length);
        byte[] head = Arrays.copyOf(whole, cut);

        List<EscPosDecoder.Span> all = DECODER.spans(whole);
        List<EscPosDecoder.Span> part = DECODER.spans(head);

        assertCovers(head, part);
        // Events that end before the cut (text runs aside: a cut run is a shorter run) are the same.
        List<EscPosDecoder.Span> expected = all.stream()
                .filter(s -> s.end() <= cut && !(s.event() instanceof EscPosEvent.Text))
                .toList();
        List<EscPosDecoder.Span> got = part.stream()
                .filter(s -> s.end() <= cut
                        && !(s.event() instanceof EscPosEvent.Text)
                        && !(s.event() instanceof EscPosEvent.Unknown && s.end() == cut))
                .toList();
        assertEquals(expected, got, () -> "cut at " + cut + " of " + HEX.formatHex(whole));
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<Tuple.Tuple2<CodePage, List<Op>>> receipts() {
        return Arbitraries.of(CodePage.PC858, CodePage.WPC1252)
                .flatMap(cp -> op(cp).list().ofMaxSize(20).map(ops -> Tuple.of(cp, ops)));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<Byte> commandish = Arbitraries.of(
                (byte) 0x1B,
                (byte) 0x1D,
                (byte) 0x0A,
                (byte) 0x00,
                (byte) 0x7F,
                (byte) 0x40,
                (byte) 0x74,
                (byte) 0x61,
                (byte) 0x45,
                (byte) 0x64,
                (byte) 0x21,
                (byte) 0x68,
                (byte) 0x77,
                (byte) 0x48,
                (byte) 0x56,
                (byte) 0x6B,
                (byte) 0x28,
                (byte) 0x31,
                (byte) 0x41,
                (byte) 0x42,
                (byte) 0x43,
                (byte) 0x49,
                (byte) 0x50,
                (byte) 0x51,
                (byte) 0x30,
                (byte) 0x32,
                (byte) '{',
                (byte) 'B',
                (byte) 0x03,
                (byte) 0x04,
                (byte) 0x02,
                (byte) 0x01,
                (byte) 0xFF);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.bytes()), Tuple.of(2, commandish))
                .list()
                .ofMaxSize(300)
                .map(EscPosPropertiesTest::toArray);
    }

    private static Arbitrary<Op> op(CodePage codePage) {
        Arbitrary<String> text =
                Arbitraries.strings().withChars(alphabet(codePage)).ofMaxLength(60);
        Arbitrary<String> textWithLf =
                Arbitraries.strings().withChars(alphabet(codePage) + "\n").ofMaxLength(60);
        Arbitrary<String> code128 = Arbitraries.strings()
                .withCharRange(' ', '~')
                .ofMinLength(1)
                .ofMaxLength(EscPos.MAX_CODE128_CHARS)
                .filter(s -> s.indexOf('{') < 0);
        Arbitrary<String> qr = Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(200)
                .filter(s -> s.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= EscPos.MAX_QR_BYTES);
        return Arbitraries.frequencyOf(
                Tuple.of(6, text.map(Line::new)),
                Tuple.of(3, textWithLf.map(Text::new)),
                Tuple.of(1, Arbitraries.of(Alignment.class).map(Align::new)),
                Tuple.of(1, Arbitraries.of(true, false).map(Bold::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.integers().between(1, 8),
                                        Arbitraries.integers().between(1, 8))
                                .as(Size::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 255).map(Feed::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.of(CutMode.class),
                                        Arbitraries.integers().between(0, 255))
                                .as(Cut::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.integers().between(1, 255),
                                        Arbitraries.integers().between(2, 6),
                                        Arbitraries.of(HriPosition.class),
                                        code128)
                                .as(Barcode::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        qr,
                                        Arbitraries.integers().between(1, 16),
                                        Arbitraries.of(QrErrorCorrection.class))
                                .as(Qr::new)));
    }

    /**
     * Every character the code page prints as one byte that reads back as itself: the bytes 0x20..0xFF
     * but DEL, decoded with the code page's charset, minus controls and bytes the charset leaves unmapped.
     */
    private static String alphabet(CodePage codePage) {
        Charset charset = codePage.charset();
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder chars = new StringBuilder();
        IntStream.rangeClosed(0x20, 0xFF).filter(b -> b != 0x7F).forEach(b -> {
            String s = charset.decode(ByteBuffer.wrap(new byte[] {(byte) b})).toString();
            if (s.length() == 1
                    && s.charAt(0) != '\uFFFD'
                    && !Character.isISOControl(s.charAt(0))
                    && encoder.canEncode(s.charAt(0))) {
                chars.append(s);
            }
        });
        return chars.toString();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Text written by consecutive builder calls is one run on the wire, so it reads back as one event. */
    private static void addMergingText(List<EscPosEvent> events, EscPosEvent next) {
        if (next instanceof EscPosEvent.Text t
                && !events.isEmpty()
                && events.getLast() instanceof EscPosEvent.Text before) {
            events.set(events.size() - 1, new EscPosEvent.Text(before.text() + t.text()));
        } else {
            events.add(next);
        }
    }

    private static void assertCovers(byte[] bytes, List<EscPosDecoder.Span> spans) {
        int at = 0;
        for (EscPosDecoder.Span span : spans) {
            assertEquals(at, span.offset(), () -> "gap or overlap before " + span + " in " + HEX.formatHex(bytes));
            at = span.end();
        }
        int end = at;
        assertEquals(
                bytes.length, end, () -> "spans end at " + end + " of " + bytes.length + ": " + HEX.formatHex(bytes));
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
