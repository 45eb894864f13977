package org.loyaltyterminal.device.print;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds one receipt as ESC/POS bytes, by hand: the subset below and nothing else, so that
 * {@link EscPosDecoder} can show exactly what was printed. Pure; one builder per receipt.
 *
 * <p>{@link #start(CodePage, int)} emits initialise ({@code 1B 40}) and the code page
 * ({@code 1B 74 n}). Text is encoded with the code page's charset; a character it cannot encode,
 * and any control character but line feed (which would be read as a command), is printed as
 * {@code ?} and counted in {@link Receipt#replacedCharacters()}, never sent as wrong bytes.
 *
 * <pre>{@code
 * Receipt r = EscPos.start(CodePage.PC858, 32)
 *         .align(Alignment.CENTRE).bold(true).line("Coffee Corner").bold(false)
 *         .wrapped("Your next coffee is on us: show this voucher at the till.")
 *         .qr("https://example.org/v/ABC123", 6, QrErrorCorrection.M)
 *         .cut(CutMode.PARTIAL, 3)
 *         .build();
 * }</pre>
 */
public final class EscPos {
    /** Printed instead of a character the code page cannot encode. */
    public static final char REPLACEMENT = '?';

    private static final Pattern WORD_GAPS = Pattern.compile(" +");
    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;
    private static final int LF = 0x0A;
    /** Largest QR payload a single GS ( k store carries (pL + 256 pH - 3). */
    public static final int MAX_QR_BYTES = 7089;
    /** Largest CODE128 payload: n is one byte and counts the two code-set bytes. */
    public static final int MAX_CODE128_CHARS = 253;

    private final CodePage codePage;
    private final int lineWidth;
    private final CharsetEncoder encoder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private int replaced;
    private boolean built;

    private EscPos(CodePage codePage, int lineWidth) {
        this.codePage = codePage;
        this.lineWidth = lineWidth;
        this.encoder = codePage.charset()
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) REPLACEMENT});
    }

    /**
     * Starts a receipt: initialise, then select the code page.
     *
     * @param lineWidth characters per line at normal size (58 mm paper: 32, 80 mm: 48)
     */
    public static EscPos start(CodePage codePage, int lineWidth) {
        Objects.requireNonNull(codePage, "codePage");
        if (lineWidth < 8 || lineWidth > 128) {
            throw new IllegalArgumentException(
                    "receipt: line width " + lineWidth + " characters must be 8..128 (58 mm paper: 32, 80 mm: 48)");
        }
        EscPos b = new EscPos(codePage, lineWidth);
        b.bytes(ESC, 0x40);
        b.bytes(ESC, 0x74, codePage.number());
        return b;
    }

    public CodePage codePage() {
        return codePage;
    }

    public int lineWidth() {
        return lineWidth;
    }

    /** Text as is, without a line feed; see the class comment for replacement. */
    public EscPos text(String text) {
        Objects.requireNonNull(text, "text");
        ensureOpen();
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String s = Character.toString(cp);
            if (cp == LF || (!Character.isISOControl(cp) && encoder.canEncode(s))) {
                safe.append(s);
            } else {
                safe.append(REPLACEMENT);
                replaced++;
            }
        });
        try {
            encoder.reset();
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(safe));
            out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        } catch (CharacterCodingException e) {
            // REPLACE is set for both error kinds: the encoder does not throw.
            throw new IllegalStateException("receipt: encoder for " + codePage.charset() + " threw despite REPLACE", e);
        }
        return this;
    }

    /** Text followed by a line feed. */
    public EscPos line(String text) {
        return text(text).bytes(LF);
    }

    /** Text word-wrapped to the line width, each line followed by a line feed. */
    public EscPos wrapped(String text) {
        for (String l : wrap(text, lineWidth)) {
            line(l);
        }
        return this;
    }

    public EscPos align(Alignment alignment) {
        return bytes(ESC, 0x61, Objects.requireNonNull(alignment, "alignment").code());
    }

    public EscPos bold(boolean on) {
        return bytes(ESC, 0x45, on ? 1 : 0);
    }

    /** Character size as multiples of normal, 1..8 each ({@code GS ! n}). */
    public EscPos size(int width, int height) {
        checkRange("character width", width, 1, 8);
        checkRange("character height", height, 1, 8);
        return bytes(GS, 0x21, ((width - 1) << 4) | (height - 1));
    }

    /** Prints the buffer and feeds {@code lines} lines ({@code ESC d n}). */
    public EscPos feed(int lines) {
        checkRange("feed lines", lines, 0, 255);
        return bytes(ESC, 0x64, lines);
    }

    /** Feeds {@code feedLines} (in motion units, printer-defined, usually lines) then cuts. */
    public EscPos cut(CutMode mode, int feedLines) {
        Objects.requireNonNull(mode, "mode");
        checkRange("cut feed", feedLines, 0, 255);
        return bytes(GS, 0x56, mode.function(), feedLines);
    }

    /** Barcode height in dots ({@code GS h n}), 1..255. */
    public EscPos barcodeHeight(int dots) {
        checkRange("barcode height", dots, 1, 255);
        return bytes(GS, 0x68, dots);
    }

    /** Barcode module width ({@code GS w n}), 2..6. */
    public EscPos barcodeWidth(int module) {
        checkRange("barcode module width", module, 2, 6);
        return bytes(GS, 0x77, module);
    }

    public EscPos barcodeText(HriPosition position) {
        return bytes(GS, 0x48, Objects.requireNonNull(position, "position").code());
    }

    /**
     * CODE128 in code set B: <code>GS k 73 n {B data</code>, n counting the <code>{B</code>.
     *
     * @throws IllegalArgumentException when the data is empty, too long or not printable ASCII
     *         (code set B cannot carry it, and a '{' would start a code-set switch)
     */
    public EscPos code128(String data) {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty() || data.length() > MAX_CODE128_CHARS) {
            throw new IllegalArgumentException(
                    "CODE128: " + data.length() + " characters, must be 1.." + MAX_CODE128_CHARS);
        }
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '{') {
                throw new IllegalArgumentException("CODE128: character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " of '" + data + "' is not printable ASCII (or is '{'); "
                        + "code set B carries only 0x20..0x7E without '{'; use a QR code for other data");
            }
        }
        bytes(GS, 0x6B, 0x49, data.length() + 2, '{', 'B');
        out.writeBytes(data.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /**
     * A QR code, model 2: select model, module size, error correction, store the data (UTF-8
     * bytes; the length field counts bytes, not characters) and print it.
     *
     * @param moduleSize dots per module, 1..16
     */
    public EscPos qr(String data, int moduleSize, QrErrorCorrection level) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(level, "level");
        checkRange("QR module size", moduleSize, 1, 16);
        byte[] payload = data.getBytes(StandardCharsets.UTF_8);
        if (payload.length == 0 || payload.length > MAX_QR_BYTES) {
            throw new IllegalArgumentException("QR: " + payload.length + " bytes of data, must be 1.." + MAX_QR_BYTES);
        }
        bytes(GS, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
        bytes(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, moduleSize);
        bytes(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, level.code());
        int length = payload.length + 3;
        bytes(GS, 0x28, 0x6B, length & 0xFF, length >>> 8, 0x31, 0x50, 0x30);
        out.writeBytes(payload);
        return bytes(GS, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30);
    }

    /** The receipt; the builder cannot be used afterwards. */
    public Receipt build() {
        ensureOpen();
        built = true;
        return new Receipt(out.toByteArray(), replaced);
    }

    /**
     * Word-wraps {@code text} to lines of at most {@code width} characters (code points). Breaks
     * at spaces; a word longer than a line is split. Existing line feeds are kept.
     */
    public static List<String> wrap(String text, int width) {
        Objects.requireNonNull(text, "text");
        if (width < 1) {
            throw new IllegalArgumentException("wrap: width " + width + " must be >= 1");
        }
        ArrayList<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder current = new StringBuilder();
            int currentLength = 0;
            for (String word : WORD_GAPS.split(paragraph.trim(), -1)) {
                if (word.isEmpty()) {
                    continue;
                }
                int[] cps = word.codePoints().toArray();
                int start = 0;
                while (start < cps.length) {
                    int remaining = cps.length - start;
                    int room = currentLength == 0 ? width : width - currentLength - 1;
                    if (remaining <= room) {
                        if (currentLength > 0) {
                            current.append(' ');
                            currentLength++;
                        }
                        current.append(new String(cps, start, remaining));
                        currentLength += remaining;
                        start = cps.length;
                    } else if (currentLength > 0) {
                        lines.add(current.toString());
                        current.setLength(0);
                        currentLength = 0;
                    } else {
                        lines.add(new String(cps, start, width));
                        start += width;
                    }
                }
            }
            lines.add(current.toString());
        }
        return List.copyOf(lines);
    }

    private EscPos bytes(int... values) {
        ensureOpen();
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    private void ensureOpen() {
        if (built) {
            throw new IllegalStateException("receipt: build() was already called; start a new EscPos");
        }
    }

    private static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " must be " + min + ".." + max);
        }
    }
}
