package org.loyaltyterminal.device.print.preview;

/** One thing the layout put on the paper, in dots from the top-left corner; painted afterwards. */
sealed interface Mark {

    /** One character cell of {@code 12 × width} by {@code 24 × height} dots. */
    record Glyph(int x, int top, int codePoint, boolean bold, int width, int height) implements Mark {}

    /** A linear barcode: {@code modules[i]} is a bar, each module {@code moduleWidth} dots wide. */
    record Bars(int x, int top, boolean[] modules, int moduleWidth, int height) implements Mark {}

    /** A two-dimensional symbol: {@code dark[row][column]}, each module a square of {@code moduleSize} dots. */
    record Modules(int x, int top, boolean[][] dark, int moduleSize) implements Mark {}

    /** Where the paper was cut; a partial cut leaves a bridge in the middle. */
    record CutLine(int y, boolean partial) implements Mark {}
}
