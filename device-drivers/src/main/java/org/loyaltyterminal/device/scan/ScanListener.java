package org.loyaltyterminal.device.scan;

/**
 * Receives scans from a {@link ScanSource}. Called on the source's own delivery thread, one scan
 * at a time, in order; an implementation that blocks holds up the next scan's processing, never
 * the reading of the device (scans wait in the source's bounded hand-off).
 */
@FunctionalInterface
public interface ScanListener {
    void onScan(ScanEvent scan);
}
