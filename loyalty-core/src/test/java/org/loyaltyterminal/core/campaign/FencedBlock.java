package org.loyaltyterminal.core.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * One fenced code block of a Markdown document.
 *
 * @param line     the 1-based line of the opening fence, what a reader is pointed to
 * @param language the info string after the fence ({@code json}), empty when there is none
 * @param text     the lines between the fences
 */
record FencedBlock(int line, String language, String text) {

    private static final String FENCE = "```";

    /** Every fenced block of {@code markdown}, in order; an unclosed fence is an error, not a lost block. */
    static List<FencedBlock> in(String markdown) {
        List<FencedBlock> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String opening = lines.get(i).strip();
            if (!opening.startsWith(FENCE)) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals(FENCE)) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a ``` fence that is never closed");
            }
            blocks.add(new FencedBlock(
                    i + 1, opening.substring(FENCE.length()).strip(), String.join("\n", lines.subList(i + 1, close))));
            i = close;
        }
        return blocks;
    }
}
