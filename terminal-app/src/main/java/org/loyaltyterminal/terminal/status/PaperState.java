package org.loyaltyterminal.terminal.status;

/** The printer's paper as its status reply tells it. */
public enum PaperState {
    OK("ok"),
    /** The near-end sensor tripped: a few receipts left. */
    NEAR_END("near-end"),
    OUT("out"),
    /** No status reply yet, or the printer does not report paper. */
    UNKNOWN("unknown");

    private final String label;

    PaperState(String label) {
        this.label = label;
    }

    /** The name in JSON and metrics labels. */
    public String label() {
        return label;
    }
}
