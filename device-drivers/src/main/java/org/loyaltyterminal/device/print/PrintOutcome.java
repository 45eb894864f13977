package org.loyaltyterminal.device.print;

/** What became of an accepted job, reported on the print thread. */
public sealed interface PrintOutcome {
    String jobId();

    /** All bytes were handed to the printer. */
    record Printed(String jobId, int attempts) implements PrintOutcome {}

    /**
     * The first attempt failed; the job stays queued and is retried with backoff until it
     * prints (then {@link Printed} follows) or the printer is closed.
     */
    record Deferred(String jobId, String reason) implements PrintOutcome {}
}
