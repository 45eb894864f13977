package org.loyaltyterminal.terminal.daemon;

import java.util.function.Function;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.scan.ScanSource;
import org.loyaltyterminal.device.scan.ScannerSettings;
import org.loyaltyterminal.device.scan.SerialScanner;

/** Builds the serial scanner adapter for the daemon. */
public final class SerialScanners implements Function<ScannerSettings, ScanSource> {
    private final Ticker ticker;

    public SerialScanners(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public ScanSource apply(ScannerSettings settings) {
        return new SerialScanner(settings, ticker);
    }
}
