package org.loyaltyterminal.terminal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.scan.ScannerStats;

/**
 * What one input device did, for the status page and the health check: its connection state and
 * since when (sampled, so "since" is exact to the sampling period), the last read it delivered,
 * and whether a read is being processed right now and for how long (a stuck scan loop).
 */
public final class DeviceActivity {
    private final DeviceKind kind;
    private final String name;
    private final Supplier<ConnectionState> state;
    private final Supplier<Optional<ScannerStats.HandOff>> handOff;
    private final InstantSource wall;
    private final Ticker ticker;
    private volatile Optional<Instant> lastRead = Optional.empty();
    /** Ticker time the read being processed started at; 0 when none is. */
    private volatile long busySinceNanos;

    private ConnectionState lastState;
    private Instant since;

    /** @param handOff the device's queue from reading to processing, when it has one (the scanner) */
    public DeviceActivity(
            DeviceKind kind,
            String name,
            Supplier<ConnectionState> state,
            Supplier<Optional<ScannerStats.HandOff>> handOff,
            InstantSource wall,
            Ticker ticker) {
        this.kind = kind;
        this.name = name;
        this.state = state;
        this.handOff = handOff;
        this.wall = wall;
        this.ticker = ticker;
    }

    /** A read arrived from the device and goes to the scan processor now (the device's thread). */
    void readStarted() {
        lastRead = Optional.of(wall.instant());
        long now = ticker.nanos();
        busySinceNanos = now == 0 ? 1 : now;
    }

    void readFinished() {
        busySinceNanos = 0;
    }

    /** How long the read in progress has taken so far; empty when none is in progress. */
    public Optional<Duration> busyFor() {
        long since = busySinceNanos;
        return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, ticker.nanos() - since)));
    }

    /** Samples the connection state; a change restarts "since". */
    public synchronized StatusSnapshot.Device sample() {
        ConnectionState now = state.get();
        if (now != lastState) {
            lastState = now;
            since = wall.instant();
        }
        return new StatusSnapshot.Device(
                kind,
                name,
                DeviceState.of(now),
                Optional.of(since),
                lastRead,
                Optional.empty(),
                Optional.empty(),
                handOff.get());
    }

    public DeviceKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
