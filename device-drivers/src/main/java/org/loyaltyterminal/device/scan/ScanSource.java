package org.loyaltyterminal.device.scan;

import org.loyaltyterminal.device.ConnectionState;

/**
 * A device that produces scans: a serial barcode scanner, an NFC reader, a keyboard wedge.
 * One-shot lifecycle: {@link #start} once, {@link #close} once; a closed source cannot restart.
 */
public interface ScanSource extends AutoCloseable {
    /** The configured name, used in logs and on the status page. */
    String name();

    /**
     * Begins reading on the source's own thread and returns at once. A device that is absent at
     * start is not an error: the source keeps retrying and reports {@link ConnectionState#DISCONNECTED}.
     */
    void start(ScanListener listener);

    ConnectionState state();

    /** Frames accepted and rejected since start, and the queue between reading and processing. */
    ScannerStats stats();

    /** Stops reading, closes the device and waits (bounded) for its threads to end. */
    @Override
    void close();
}
