package org.loyaltyterminal.device.print.preview;

/** One thing the layout put on the paper, in dots from the top-left corner; painted afterwards. */
sealed interface Mark {

    /** One character cell of {@code 12 × width} by {@code 24 × height} dots. */
    record Glyph(int x, int top, int codePoint, boolean bold, int width, int height) implements Mark {}

    /**
     * A solid black rectangle, in dots: one bar of a linear barcode, or a run of dark modules in one
     * row of a two-dimensional symbol (neighbouring modules print as one block, so one mark).
     */
    record Block(int x, int top, int width, int height) implements Mark {}

    /** Where the paper was cut; a partial cut leaves a bridge in the middle. */
    record CutLine(int y, boolean partial) implements Mark {}
}
