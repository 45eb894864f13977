package org.loyaltyterminal.terminal.status;

import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.scan.ScanListener;
import org.loyaltyterminal.device.scan.ScanSource;
import org.loyaltyterminal.device.scan.ScannerStats;

/** A scan source whose reads are noted in a {@link DeviceActivity} on their way to the listener. */
public final class WatchedScanSource implements ScanSource {
    private final ScanSource source;
    private final DeviceActivity activity;

    public WatchedScanSource(ScanSource source, DeviceActivity activity) {
        this.source = source;
        this.activity = activity;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void start(ScanListener listener) {
        source.start(scan -> {
            activity.readStarted();
            try {
                listener.onScan(scan);
            } finally {
                activity.readFinished();
            }
        });
    }

    @Override
    public ConnectionState state() {
        return source.state();
    }

    @Override
    public ScannerStats stats() {
        return source.stats();
    }

    @Override
    public void close() {
        source.close();
    }
}
