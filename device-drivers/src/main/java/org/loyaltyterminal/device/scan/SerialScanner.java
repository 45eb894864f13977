package org.loyaltyterminal.device.scan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.serial.LineLost;
import org.loyaltyterminal.device.serial.LineSettings;
import org.loyaltyterminal.device.serial.ReconnectingDevice;
import org.loyaltyterminal.device.serial.SerialLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial barcode scanner (RS-232 or USB-CDC) on a {@link SerialLine}. Two named platform threads
 * per scanner:
 * <ul>
 *   <li>the reader ({@link ReconnectingDevice}) opens the port by path, reads with a short
 *       semi-blocking timeout, stamps each chunk with its arrival time ({@link ArrivalStamps}),
 *       frames and decodes at once, and offers accepted scans to a bounded {@link ScanHandOff}; it
 *       never waits for processing, so the silence rule ({@code scanner.gap-ms}) is judged on when
 *       bytes arrived, not on when a slow commit let them be read;</li>
 *   <li>the delivery thread takes scans from the hand-off, in order, and calls the listener.</li>
 * </ul>
 *
 * <p>A device that is missing at start, or that disappears later (read error, path gone), is
 * not an error: the reader closes the port, logs one WARN line, reports
 * {@link ConnectionState#DISCONNECTED} and retries with capped exponential backoff until the
 * path opens again, then logs one INFO "reconnected" line. Nothing is logged per retry.
 *
 * <p>One-shot: {@link #start} once, {@link #close} once.
 */
public final class SerialScanner implements ScanSource {
    private static final Logger LOG = LoggerFactory.getLogger(SerialScanner.class);
    /** Semi-blocking read timeout; jSerialComm on Linux works in deciseconds, 100 ms is the finest. */
    private static final int READ_TIMEOUT_MILLIS = 100;
    /**
     * Two reads further apart than this mean the reader itself was held up (SIGSTOP, GC, a starved
     * VM): the read timeout plus generous scheduling slack for a loaded 2-core till.
     */
    private static final Duration READER_STALL = Duration.ofMillis(READ_TIMEOUT_MILLIS + 150);
    /**
     * Big enough that a kernel buffer full of scans (after a stall) comes out in one read; the
     * framer carries a partial line across reads either way.
     */
    private static final int READ_BUFFER_BYTES = 4096;

    private static final Duration DELIVERY_POLL = Duration.ofMillis(100);
    private static final Duration LISTENER_WARN_EVERY = Duration.ofSeconds(10);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final ScannerSettings settings;
    private final Ticker ticker;
    private final ScanPipeline pipeline;
    private final String component;
    private final ReconnectingDevice reader;
    private final DeviceWorker delivery;
    private final ScanHandOff handOff;
    // Delivery thread only.
    private final RepeatedWarning listenerFailures = new RepeatedWarning(LISTENER_WARN_EVERY);

    public SerialScanner(ScannerSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.component = "scanner '" + settings.name() + "' (" + settings.port() + ")";
        this.reader = new ReconnectingDevice(
                component,
                settings.port(),
                lineSettings(settings),
                Backoff.doubling(settings.reconnectInitial(), settings.reconnectMax()),
                LOG);
        this.delivery = new DeviceWorker(component);
        this.pipeline = new ScanPipeline(settings, component, LOG);
        this.handOff = new ScanHandOff(ScanHandOff.CAPACITY, component, LOG);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ConnectionState state() {
        return reader.state();
    }

    /** Counts of accepted and rejected frames since start, and the hand-off's figures; safe from any thread. */
    @Override
    public ScannerStats stats() {
        ScannerStats frames = pipeline.stats();
        return new ScannerStats(
                frames.accepted(),
                frames.rejected(),
                new ScannerStats.HandOff(handOff.depth(), handOff.capacity(), handOff.dropped()));
    }

    @Override
    public void start(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        reader.claimStart();
        delivery.claimStart();
        delivery.run(
                "scanner-delivery-" + settings.name(),
                () -> deliverUntilStopped(listener),
                (thread, e) -> LOG.error(
                        "{}: delivery thread {} died; no more scans from this device until the service restarts",
                        component,
                        thread.getName(),
                        e));
        reader.run(
                "scanner-reader-" + settings.name(),
                "no more scans from this device until the service restarts",
                this::readUntilStopped);
    }

    /**
     * Stops the reader first (no new scans), then the delivery thread, which hands the scans
     * already queued to the listener within the join timeout; any left after it are logged.
     */
    @Override
    public void close() {
        if (!reader.stop(JOIN_TIMEOUT)) {
            return;
        }
        delivery.stop(
                JOIN_TIMEOUT,
                t -> LOG.warn(
                        "{}: delivery thread {} did not finish within {} ms; {} scans " + "read but not processed",
                        component,
                        t.getName(),
                        JOIN_TIMEOUT.toMillis(),
                        handOff.depth()));
    }

    private void deliverUntilStopped(ScanListener listener) {
        long drainDeadline = 0;
        while (true) {
            if (delivery.stopping()) {
                // Finish what was read before the stop, within most of the owner's bounded wait.
                if (drainDeadline == 0) {
                    drainDeadline = ticker.nanos() + JOIN_TIMEOUT.toNanos() * 3 / 4;
                }
                if (handOff.depth() == 0 || ticker.nanos() - drainDeadline > 0) {
                    int left = handOff.depth();
                    if (left > 0) {
                        LOG.warn("{}: stopping with {} scans read but not processed", component, left);
                    }
                    return;
                }
            }
            Optional<ScanEvent> scan;
            try {
                scan = handOff.poll(DELIVERY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scan.ifPresent(s -> deliver(listener, s));
        }
    }

    /**
     * The reader's session on an open line: frames and hands off until the scanner is closed
     * (return) or the line is lost (throw). A partial line is forgotten either way.
     */
    private void readUntilStopped(SerialLine line, ReconnectingDevice.Connected connected) throws LineLost {
        connected.report(
                "opened, " + settings.baud() + " baud " + lineSettings(settings).format(), "reconnected");
        try {
            byte[] buf = new byte[READ_BUFFER_BYTES];
            ArrivalStamps arrivals = new ArrivalStamps(READER_STALL.toNanos());
            while (!reader.stopping()) {
                int n = line.read(buf);
                long now = ticker.nanos();
                long arrived = arrivals.stamp(n, now);
                if (n == 0) {
                    pipeline.onIdle(now).ifPresent(scan -> handOff.offer(scan, now));
                    line.ensurePresent();
                    continue;
                }
                for (ScanEvent scan : pipeline.onBytes(buf, n, arrived)) {
                    handOff.offer(scan, now);
                }
            }
        } finally {
            pipeline.deviceLost();
        }
    }

    private void deliver(ScanListener listener, ScanEvent scan) {
        try {
            listener.onScan(scan);
        } catch (RuntimeException e) {
            // A broken listener fails every scan: one line (with the trace) per LISTENER_WARN_EVERY.
            long since = listenerFailures.count(ticker.nanos());
            if (since > 0) {
                LOG.warn(
                        "{}: scan listener threw {}; {} scan(s) lost since the last such line ({} since start), "
                                + "reading continues; further failures are logged at most every {} s",
                        component,
                        e,
                        since,
                        listenerFailures.total(),
                        LISTENER_WARN_EVERY.toSeconds(),
                        e);
            }
        }
    }

    private static LineSettings lineSettings(ScannerSettings s) {
        return new LineSettings(s.baud(), s.dataBits(), s.parity(), s.stopBits(), READ_TIMEOUT_MILLIS);
    }
}
