package org.loyaltyterminal.terminal.clock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.ledger.EventTime;

/**
 * The till's idea of "now". A Raspberry Pi has no real-time clock: until NTP has synchronised it,
 * its wall time may be days off. systemd-timesyncd creates a flag file once it has synchronised;
 * every recorded time carries whether that flag was present, and ordering uses the per-terminal
 * sequence, never the wall time.
 */
public final class TerminalClock {
    private final InstantSource wall;
    private final Ticker ticker;
    private final Path syncFlag;

    public TerminalClock(InstantSource wall, Ticker ticker, Path syncFlag) {
        this.wall = wall;
        this.ticker = ticker;
        this.syncFlag = syncFlag;
    }

    public EventTime now() {
        return new EventTime(wall.instant(), synchronised(), ticker.nanos());
    }

    public boolean synchronised() {
        return Files.exists(syncFlag);
    }

    public Ticker ticker() {
        return ticker;
    }
}
