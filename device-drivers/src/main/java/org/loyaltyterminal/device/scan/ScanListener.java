package org.loyaltyterminal.device.scan;

/**
 * Receives scans from a {@link ScanSource}. Called on the source's own reader thread, one scan
 * at a time; an implementation that blocks holds up the next scan from the same device.
 */
@FunctionalInterface
public interface ScanListener {
    void onScan(ScanEvent scan);
}
