package org.loyaltyterminal.terminal.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The receipt printer as the status page shows it.
 *
 * @param name      the configured name
 * @param connected whether the printer answered its last status query (asked every few seconds while idle)
 * @param paper     the paper sensor
 * @param lastPrint when the last job was handed to the printer, if any since start
 * @param problem   why it cannot print, in words, while it cannot
 */
public record PrinterView(
        String name, boolean connected, PaperState paper, Optional<Instant> lastPrint, Optional<String> problem) {
    public PrinterView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(lastPrint, "lastPrint");
    }
}
