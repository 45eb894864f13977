package org.loyaltyterminal.device.scan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The bounded queue between a scanner's reader thread (which frames and decodes) and its
 * delivery thread (which calls the listener, i.e. classifies and commits). Reading never waits
 * for processing: a commit that takes 500 ms must not leave bytes waiting in the kernel, where
 * the silence rule can no longer see when they arrived.
 *
 * <p>Overflow policy: when {@link #CAPACITY} scans are waiting, the newest scan is dropped and
 * counted ("dropped (hand-off full)"); the scans already queued keep their order. 256 scans are
 * minutes of a cashier's scanning, so a full queue means processing has stopped (the health
 * check sees the stuck scan); blocking the reader instead would hide the bytes from the framer.
 * Drops are logged as a WARN at the first one and then at most once per {@link #LOG_EVERY}
 * with the count since the last line.
 *
 * <p>Thread-safe: one thread offers, one takes, any thread reads the figures.
 */
final class ScanHandOff {
    static final int CAPACITY = 256;
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final BlockingQueue<ScanEvent> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final String component;
    private final Logger log;
    // Reader thread only.
    private final RepeatedWarning drops = new RepeatedWarning(LOG_EVERY);

    ScanHandOff(int capacity, String component, Logger log) {
        if (capacity < 1) {
            throw new IllegalArgumentException("hand-off capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.component = Objects.requireNonNull(component, "component");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** On the reader thread: queues the scan, or drops it (counted, rate-limited log) when full. */
    void offer(ScanEvent scan, long nowNanos) {
        if (queue.offer(scan)) {
            return;
        }
        long total = dropped.incrementAndGet();
        long since = drops.count(nowNanos);
        if (since > 0) {
            log.warn(
                    "{}: dropped {} scan(s) (hand-off full: {} scans waiting for processing, {} dropped since "
                            + "start); scan processing is stalled or too slow, check the storage; further drops "
                            + "are logged at most every {} s",
                    component,
                    since,
                    capacity,
                    total,
                    LOG_EVERY.toSeconds());
        }
    }

    /** On the delivery thread: the next scan, waiting at most {@code timeout}. */
    Optional<ScanEvent> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Scans waiting for processing now. */
    int depth() {
        return queue.size();
    }

    int capacity() {
        return capacity;
    }

    /** Scans dropped because the queue was full, since start. */
    long dropped() {
        return dropped.get();
    }
}
