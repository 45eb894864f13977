package org.loyaltyterminal.device.print;

import java.util.Objects;

/**
 * One receipt to print, named so the caller can match outcomes to it.
 *
 * @param id      the caller's name for the job, e.g. the voucher code; shown in logs
 */
public record PrintJob(String id, Receipt receipt) {
    public PrintJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receipt, "receipt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("print job: id must not be blank");
        }
    }
}
