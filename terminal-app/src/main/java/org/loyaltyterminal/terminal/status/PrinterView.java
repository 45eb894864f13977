package org.loyaltyterminal.terminal.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The receipt printer as the status page shows it.
 *
 * @param name      the configured name
 * @param connected whether the printer answered its last status query
 * @param since     when {@code connected} last changed, if known
 * @param paper     the paper sensor
 * @param lastPrint when the last job was handed to the printer, if any since start
 */
public record PrinterView(String name, boolean connected, Optional<Instant> since, PaperState paper, Optional<Instant> lastPrint) {
    public PrinterView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(lastPrint, "lastPrint");
    }
}
