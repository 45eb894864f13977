package org.loyaltyterminal.device.print.preview;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.device.print.Alignment;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.HriPosition;
import org.loyaltyterminal.device.print.QrErrorCorrection;

/**
 * Walks the events as a printer in standard mode would and decides where each thing lands on
 * the paper. Holds the printer's modes and its line buffer: text is printed when a line feed,
 * {@code ESC d}, a symbol or a cut ends the line, or when the next character does not fit.
 * One layout per rendering.
 */
final class PreviewLayout {
    static final int COLUMN_DOTS = EscPosPreview.DOTS_PER_COLUMN;
    static final int CHARACTER_DOTS = 24;
    /** The power-on line spacing, 1/6 inch at 180 dpi motion units: 30 dots. */
    static final int LINE_DOTS = 30;
    /** Head to cutter: a printer feeds this far before it cuts, so the last line clears the blade. */
    static final int CUT_FEED_DOTS = 48;

    static final int MARGIN_DOTS = 12;
    /** Power-on defaults of GS h and GS w. */
    private static final int DEFAULT_BAR_HEIGHT = 162;

    private static final int DEFAULT_BAR_MODULE = 3;
    /** Power-on default of the QR module size (GS ( k fn 67). */
    private static final int DEFAULT_QR_MODULE = 3;

    private record Cell(int codePoint, boolean bold, int width, int height) {}

    private final int lineWidth;
    private final int paperDots;
    private final int maxDots;
    private final List<Mark> marks = new ArrayList<>();
    private final List<EscPosEvent.Unknown> skipped = new ArrayList<>();
    private final List<String> notPrinted = new ArrayList<>();
    private final List<Cell> line = new ArrayList<>();
    private int columns;
    private int y = MARGIN_DOTS;
    private boolean full;

    private Alignment alignment;
    private boolean bold;
    private int charWidth;
    private int charHeight;
    private int barHeight;
    private int barModule;
    private HriPosition hri;
    private int qrModule;
    private QrErrorCorrection qrLevel;
    private Optional<String> qrData;

    PreviewLayout(int lineWidth, int maxDots) {
        this.lineWidth = lineWidth;
        this.paperDots = lineWidth * COLUMN_DOTS;
        this.maxDots = maxDots;
        initialise();
    }

    int paperDots() {
        return paperDots;
    }

    /** Where the paper ends: below the last mark, or the cap. */
    int heightDots() {
        return Math.min(maxDots, y + MARGIN_DOTS);
    }

    List<Mark> marks() {
        return List.copyOf(marks);
    }

    List<EscPosEvent.Unknown> skipped() {
        return List.copyOf(skipped);
    }

    List<String> notPrinted() {
        return List.copyOf(notPrinted);
    }

    void accept(EscPosEvent event) {
        switch (event) {
            case EscPosEvent.Initialise i -> {
                if (!line.isEmpty()) {
                    notPrinted.add(line.size() + " characters cleared from the print buffer by ESC @ before a line"
                            + " feed printed them");
                }
                clearLine();
                initialise();
            }
            case EscPosEvent.CodePageSelected c -> {} // the decoder has already applied it to the text
            // A printer takes ESC a only at the start of a line and ignores it mid-line (Epson, standard mode).
            case EscPosEvent.Align a -> alignment = line.isEmpty() ? a.alignment() : alignment;
            case EscPosEvent.Bold b -> bold = b.on();
            case EscPosEvent.Size s -> {
                charWidth = s.width();
                charHeight = s.height();
            }
            case EscPosEvent.Text t -> t.text().codePoints().forEach(this::character);
            case EscPosEvent.Feed f -> feed(f.lines());
            case EscPosEvent.Cut c -> cut(c);
            case EscPosEvent.BarcodeHeight h -> barHeight = h.dots();
            case EscPosEvent.BarcodeWidth w -> barModule = w.module();
            case EscPosEvent.BarcodeText h -> hri = h.position();
            case EscPosEvent.Code128 c -> code128(c.data());
            case EscPosEvent.QrModel m -> {} // the decoder passes model 2 only, what ZXing draws
            case EscPosEvent.QrSize s -> qrModule = s.moduleSize();
            case EscPosEvent.QrLevel l -> qrLevel = l.level();
            case EscPosEvent.QrStore s -> qrData = Optional.of(s.data());
            case EscPosEvent.QrPrint p -> qrPrint();
            case EscPosEvent.Unknown u -> skipped.add(u);
        }
    }

    /** The end of the stream: what is still in the line buffer was never printed. */
    void finish() {
        if (!line.isEmpty()) {
            notPrinted.add(line.size() + " characters left in the print buffer at the end; a printer prints them"
                    + " only at the next line feed, ESC d or cut");
            clearLine();
        }
    }

    private void initialise() {
        alignment = Alignment.LEFT;
        bold = false;
        charWidth = 1;
        charHeight = 1;
        barHeight = DEFAULT_BAR_HEIGHT;
        barModule = DEFAULT_BAR_MODULE;
        hri = HriPosition.NONE;
        qrModule = DEFAULT_QR_MODULE;
        qrLevel = QrErrorCorrection.L;
        qrData = Optional.empty();
    }

    private void character(int codePoint) {
        if (codePoint == '\n') {
            if (line.isEmpty()) {
                advance(LINE_DOTS);
            } else {
                advance(printLine());
            }
            return;
        }
        if (columns + charWidth > lineWidth) {
            advance(printLine()); // the printer wraps a full line by itself
        }
        line.add(new Cell(codePoint, bold, charWidth, charHeight));
        columns += charWidth;
    }

    /** {@code ESC d n}: prints the buffer and feeds n lines, never less than the printed line needs. */
    private void feed(int lines) {
        if (line.isEmpty()) {
            advance(lines * LINE_DOTS);
        } else {
            int printed = printLine();
            advance(Math.max(lines * LINE_DOTS, printed));
        }
    }

    private void cut(EscPosEvent.Cut c) {
        endLine();
        int feed = CUT_FEED_DOTS + c.feed();
        if (reserve(feed)) {
            y += feed;
            marks.add(new Mark.CutLine(y, c.mode() == CutMode.PARTIAL));
        }
        advance(MARGIN_DOTS * 2); // the next receipt starts a little below the cut
    }

    /**
     * Models differ on a symbol arriving mid-line (some ignore the symbol); ending the line here,
     * as the text view does, keeps both the text and the symbol visible.
     */
    private void endLine() {
        if (!line.isEmpty()) {
            advance(printLine());
        }
    }

    private void code128(String data) {
        endLine();
        boolean[] modules;
        try {
            // The printer was sent {B: it encodes in code set B throughout, so the preview does too.
            modules = new Code128Writer().encode(data, Map.of(EncodeHintType.FORCE_CODE_SET, "B"));
        } catch (IllegalArgumentException e) {
            notPrinted.add("CODE128 '" + data + "': " + e.getMessage());
            return;
        }
        int width = modules.length * barModule;
        if (width > paperDots) {
            notPrinted.add("CODE128 '" + data + "': " + width + " dots wide at module width " + barModule
                    + ", the paper has " + paperDots + "; a printer drops it (use a smaller GS w or a QR code)");
            return;
        }
        int x = alignedX(width);
        int hriHeight = CHARACTER_DOTS + 6;
        int total = barHeight + (hri == HriPosition.NONE ? 0 : hri == HriPosition.BOTH ? 2 * hriHeight : hriHeight);
        if (!reserve(total)) {
            return;
        }
        if (hri == HriPosition.ABOVE || hri == HriPosition.BOTH) {
            hriLine(data, x + width / 2);
        }
        blocks(modules, x, y, barModule, barHeight);
        y += barHeight;
        if (hri == HriPosition.BELOW || hri == HriPosition.BOTH) {
            y += 6;
            hriLine(data, x + width / 2);
        }
    }

    /** Human-readable text centred on the barcode, normal size; cut at the paper edges. */
    private void hriLine(String data, int centre) {
        int left = centre - data.length() * COLUMN_DOTS / 2;
        for (int i = 0; i < data.length(); i++) {
            int x = left + i * COLUMN_DOTS;
            if (x >= 0 && x + COLUMN_DOTS <= paperDots) {
                marks.add(new Mark.Glyph(x, y, data.charAt(i), false, 1, 1));
            }
        }
        y += CHARACTER_DOTS + 6;
    }

    private void qrPrint() {
        endLine();
        if (qrData.isEmpty()) {
            notPrinted.add("QR print with no data stored (GS ( k fn 81 before fn 80); a printer prints nothing");
            return;
        }
        String data = qrData.get();
        ByteMatrix matrix;
        try {
            // The printer encodes the stored bytes as they came (UTF-8 from the builder), without an
            // ECI header; one ISO-8859-1 char per byte makes ZXing do the same.
            String bytesAsChars = new String(data.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            matrix = Encoder.encode(bytesAsChars, ErrorCorrectionLevel.valueOf(qrLevel.name()))
                    .getMatrix();
        } catch (WriterException e) {
            notPrinted.add("QR '" + abbreviate(data) + "': " + e.getMessage() + " at error correction " + qrLevel);
            return;
        }
        int size = matrix.getWidth() * qrModule;
        if (size > paperDots) {
            notPrinted.add("QR '" + abbreviate(data) + "': " + size + " dots wide at module size " + qrModule
                    + ", the paper has " + paperDots + "; a printer drops it (use a smaller module size)");
            return;
        }
        if (!reserve(size)) {
            return;
        }
        int left = alignedX(size);
        boolean[] dark = new boolean[matrix.getWidth()];
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                dark[col] = matrix.get(col, row) == 1;
            }
            blocks(dark, left, y + row * qrModule, qrModule, qrModule);
        }
        y += size;
    }

    /** One block per run of dark modules in a row of {@code moduleWidth}-dot modules from {@code x}. */
    private void blocks(boolean[] dark, int x, int top, int moduleWidth, int height) {
        int i = 0;
        while (i < dark.length) {
            if (!dark[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < dark.length && dark[i]) {
                i++;
            }
            marks.add(new Mark.Block(x + from * moduleWidth, top, (i - from) * moduleWidth, height));
        }
    }

    /** Prints the line buffer at {@link #y} and empties it; returns the height the line takes. */
    private int printLine() {
        int tallest = line.stream().mapToInt(Cell::height).max().orElse(1);
        int height = tallest * CHARACTER_DOTS + (LINE_DOTS - CHARACTER_DOTS);
        if (reserve(height)) {
            int x = alignedX(columns * COLUMN_DOTS);
            for (Cell c : line) {
                int top = y + (tallest - c.height()) * CHARACTER_DOTS; // one baseline: shorter cells sit low
                marks.add(new Mark.Glyph(x, top, c.codePoint(), c.bold(), c.width(), c.height()));
                x += c.width() * COLUMN_DOTS;
            }
        }
        clearLine();
        return height;
    }

    private void clearLine() {
        line.clear();
        columns = 0;
    }

    private int alignedX(int width) {
        return switch (alignment) {
            case LEFT -> 0;
            case CENTRE -> (paperDots - width) / 2;
            case RIGHT -> paperDots - width;
        };
    }

    private void advance(int dots) {
        y = Math.min(y + dots, maxDots);
    }

    /** Whether {@code height} dots still fit under the cap; the first time they do not, says so once. */
    private boolean reserve(int height) {
        if (full) {
            return false;
        }
        if (y + height + MARGIN_DOTS > maxDots) {
            full = true;
            notPrinted.add("everything below " + y + " dots: the preview stops at " + maxDots + " dots ("
                    + maxDots / 8.0 / 1000.0 + " m of paper at 8 dots/mm) and draws nothing further");
            return false;
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
