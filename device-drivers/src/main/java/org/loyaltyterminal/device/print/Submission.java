package org.loyaltyterminal.device.print;

/** The immediate answer to {@link ReceiptPrinter#submit}: queued, or refused and why. */
public sealed interface Submission {
    String jobId();

    /** Queued; {@code waiting} counts the jobs waiting after this one was queued, this one included. */
    record Accepted(String jobId, int waiting) implements Submission {}

    /** Not queued; nothing will be printed for it. */
    record Refused(String jobId, String reason) implements Submission {}
}
