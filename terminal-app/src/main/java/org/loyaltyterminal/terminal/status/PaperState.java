package org.loyaltyterminal.terminal.status;

import org.loyaltyterminal.device.print.PrinterStatus;

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

    /** The paper sensor as the printer's DLE EOT 4 reply reported it. */
    public static PaperState of(PrinterStatus.Paper paper) {
        return switch (paper) {
            case OK -> OK;
            case NEAR_END -> NEAR_END;
            case END -> OUT;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The name in JSON and metrics labels. */
    public String label() {
        return label;
    }
}
