package org.loyaltyterminal.device.print.preview;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;

/**
 * Draws an ESC/POS stream the way a 203 dpi thermal printer lays it out, as a black-and-white
 * image: one pixel per dot, 12 dots per character column (Font A, 12 × 24), so 32 columns make
 * the 384 dots of 58 mm paper and 48 columns the 576 dots of 80 mm paper. For the demo and for
 * checking a receipt layout without paper. The stream goes through {@link EscPosDecoder}, so
 * exactly the subset the daemon emits is drawn; {@link EscPosEvent.Unknown} events are skipped
 * and returned, never thrown, as are things a printer would drop (a barcode wider than the paper).
 *
 * <p>Alignment, emphasis and character size (magnified glyphs, as a printer does), line feeds,
 * {@code ESC d}, CODE128 in code set B with its HRI text, QR codes at the selected module size
 * and error correction, and a dashed line where the paper was cut. CODE128 and QR are encoded by
 * ZXing, so a scanner reads the image as it would read the paper.
 *
 * <p>Offscreen only: no window, no display. The JVM must find a monospaced font through
 * fontconfig (Debian and Raspberry Pi OS: {@code fontconfig} and {@code fonts-dejavu-core}).
 * On a machine without a display AWT runs headless by itself; where a {@code DISPLAY} variable
 * may be set (an SSH session with X forwarding) start the JVM with
 * {@code -Djava.awt.headless=true}. The class does not set it: a system property is the
 * launcher's business, and AWT reads it only once.
 *
 * <p>Stateless and thread-safe.
 */
public final class EscPosPreview {
    /** Dots per character column: Font A is 12 dots wide. */
    public static final int DOTS_PER_COLUMN = 12;
    /**
     * The longest image drawn, in dots (5 m of paper): garbage that feeds 255 lines at a time
     * must not become an image of gigabytes.
     */
    public static final int MAX_HEIGHT_DOTS = 40_000;

    private static final int DASH = 8;
    private static final IndexColorModel PAPER = new IndexColorModel(
            1, 2, new byte[] {(byte) 0xFF, 0}, new byte[] {(byte) 0xFF, 0}, new byte[] {(byte) 0xFF, 0});

    /**
     * What was drawn and what was not.
     *
     * @param image      one pixel per dot, black on white
     * @param skipped    events outside the decoder's subset, in order: left out of the image
     * @param notPrinted what a printer would drop or never print, one sentence each
     */
    public record Rendering(BufferedImage image, List<EscPosEvent.Unknown> skipped, List<String> notPrinted) {
        public Rendering {
            Objects.requireNonNull(image, "image");
            skipped = List.copyOf(skipped);
            notPrinted = List.copyOf(notPrinted);
        }

        /** Writes the image as PNG, replacing {@code png}. */
        public Rendering writePng(Path png) {
            Objects.requireNonNull(png, "png");
            // Our own stream, not ImageIO.write(File): the JDK's file stream provider prints the stack
            // trace of a missing folder to stderr itself before ImageIO reports a vaguer error.
            boolean written = false;
            try (OutputStream stream = Files.newOutputStream(png)) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new DeviceException("receipt preview: this JDK has no PNG writer; cannot write " + png);
                }
                written = true;
            } catch (NoSuchFileException e) {
                throw new DeviceException(
                        "receipt preview: cannot write " + png + ": folder "
                                + png.toAbsolutePath().getParent()
                                + " does not exist; create it or choose another path",
                        e);
            } catch (AccessDeniedException e) {
                throw new DeviceException(
                        "receipt preview: cannot write " + png
                                + ": permission denied; choose a path this user may write",
                        e);
            } catch (IOException e) {
                throw new DeviceException(
                        "receipt preview: cannot write " + png + " (" + e.getMessage()
                                + "); check that the directory exists and is writable",
                        e);
            } finally {
                if (!written) {
                    deleteQuietly(png); // no half-written image left behind
                }
            }
            return this;
        }

        private static void deleteQuietly(Path png) {
            try {
                Files.deleteIfExists(png);
            } catch (IOException | RuntimeException ignored) {
                // what failed to be written is reported; a leftover is only clutter
            }
        }
    }

    private EscPosPreview() {}

    /**
     * Renders {@code escpos}, decoding text with {@code codePage} once the stream selects it.
     *
     * @param lineWidth characters per line at normal size, 8..128 (58 mm paper: 32, 80 mm: 48)
     */
    public static Rendering render(byte[] escpos, CodePage codePage, int lineWidth) {
        Objects.requireNonNull(escpos, "escpos");
        Objects.requireNonNull(codePage, "codePage");
        return render(EscPosDecoder.of(codePage).decode(escpos), lineWidth);
    }

    /** Renders events already decoded, e.g. a receipt the printer emulator received. */
    public static Rendering render(List<EscPosEvent> events, int lineWidth) {
        Objects.requireNonNull(events, "events");
        if (lineWidth < 8 || lineWidth > 128) {
            throw new IllegalArgumentException("receipt preview: line width " + lineWidth
                    + " characters must be 8..128 (58 mm paper: 32, 80 mm: 48)");
        }
        PreviewLayout layout = new PreviewLayout(lineWidth, MAX_HEIGHT_DOTS);
        events.forEach(layout::accept);
        layout.finish();
        BufferedImage image = paint(layout.paperDots(), layout.heightDots(), layout.marks());
        return new Rendering(image, layout.skipped(), layout.notPrinted());
    }

    /** {@link #render(byte[], CodePage, int)}, then {@link Rendering#writePng(Path)}. */
    public static Rendering writePng(byte[] escpos, CodePage codePage, int lineWidth, Path png) {
        return render(escpos, codePage, lineWidth).writePng(png);
    }

    private static BufferedImage paint(int width, int height, List<Mark> marks) {
        // One bit per pixel, like the head: no grey, so no anti-aliasing either. Index 0 is white,
        // so a new image is blank paper without filling up to 40,000 rows.
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, PAPER);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            Glyphs glyphs = Glyphs.fitting(g);
            for (Mark m : marks) {
                switch (m) {
                    case Mark.Glyph c -> glyphs.draw(g, c);
                    case Mark.Block b -> g.fillRect(b.x(), b.top(), b.width(), b.height());
                    case Mark.CutLine c -> cutLine(g, c, width);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void cutLine(Graphics2D g, Mark.CutLine c, int width) {
        int bridgeFrom = width / 2 - width / 12;
        int bridgeTo = width / 2 + width / 12;
        for (int x = 0; x < width; x += 2 * DASH) {
            boolean inBridge = x + DASH > bridgeFrom && x < bridgeTo;
            if (!(c.partial() && inBridge)) {
                g.fillRect(x, c.y() - 1, DASH, 2);
            }
        }
    }

    /**
     * The monospaced font sized to fit a 12 × 24 cell, plain and bold, and each glyph rasterised
     * once into the dots of that cell. A printer magnifies for {@code GS !} by repeating dots, so
     * a larger size draws each dot as a width × height block rather than a larger font.
     */
    private static final class Glyphs {
        private static final int CELL_W = DOTS_PER_COLUMN;
        private static final int CELL_H = PreviewLayout.CHARACTER_DOTS;
        private final Font plain;
        private final Font bold;
        private final float baseline;
        private final FontMetrics metrics;
        private final Map<Long, int[]> cells = new HashMap<>();

        private Glyphs(Font plain, float baseline, FontMetrics metrics) {
            this.plain = plain;
            this.bold = plain.deriveFont(Font.BOLD);
            this.baseline = baseline;
            this.metrics = metrics;
        }

        static Glyphs fitting(Graphics2D g) {
            for (int size = CELL_H; size > 6; size--) {
                Font f = new Font(Font.MONOSPACED, Font.PLAIN, size);
                FontMetrics fm = g.getFontMetrics(f);
                int tall = fm.getAscent() + fm.getDescent();
                if (fm.charWidth('W') <= CELL_W && tall <= CELL_H) {
                    return new Glyphs(f, (CELL_H - tall) / 2f + fm.getAscent(), fm);
                }
            }
            // Metrics this odd mean a broken font setup; draw at the smallest size rather than fail.
            Font f = new Font(Font.MONOSPACED, Font.PLAIN, 6);
            FontMetrics fm = g.getFontMetrics(f);
            return new Glyphs(f, fm.getAscent(), fm);
        }

        void draw(Graphics2D g, Mark.Glyph c) {
            int[] runs = cells.computeIfAbsent(
                    ((long) c.codePoint() << 1) | (c.bold() ? 1 : 0), k -> runs(c.codePoint(), c.bold()));
            for (int i = 0; i < runs.length; i += 3) {
                g.fillRect(
                        c.x() + runs[i + 1] * c.width(),
                        c.top() + runs[i] * c.height(),
                        runs[i + 2] * c.width(),
                        c.height());
            }
        }

        /** The black dots of a normal-size glyph as horizontal runs: row, first column, length, repeated. */
        private int[] runs(int codePoint, boolean emphasised) {
            Font font = emphasised ? bold : plain;
            String s = font.canDisplay(codePoint) ? Character.toString(codePoint) : "?";
            BufferedImage cell = new BufferedImage(CELL_W, CELL_H, BufferedImage.TYPE_BYTE_BINARY, PAPER);
            Graphics2D g = cell.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
                g.setColor(Color.BLACK);
                g.setFont(font);
                g.drawString(s, (CELL_W - metrics.stringWidth(s)) / 2f, baseline);
            } finally {
                g.dispose();
            }
            WritableRaster raster = cell.getRaster();
            IntStream.Builder runs = IntStream.builder();
            for (int row = 0; row < CELL_H; row++) {
                int col = 0;
                while (col < CELL_W) {
                    if (raster.getSample(col, row, 0) == 0) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < CELL_W && raster.getSample(col, row, 0) == 1) {
                        col++;
                    }
                    runs.add(row).add(start).add(col - start);
                }
            }
            return runs.build().toArray();
        }
    }
}
