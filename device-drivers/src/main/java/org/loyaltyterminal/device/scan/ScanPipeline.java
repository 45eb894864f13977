package org.loyaltyterminal.device.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Framer, decoder and noise accounting for one scanner, independent of how bytes arrive: the
 * serial adapter feeds it from its reader thread, tests feed it byte arrays. Only accepted scans
 * come out; noise is counted and logged once per burst by the {@link NoiseMonitor}.
 * Not thread-safe except {@link #stats()}.
 */
final class ScanPipeline {
    private final LineFramer framer;
    private final ScanDecoder decoder;
    private final NoiseMonitor noise;
    private final Logger log;
    private final String component;

    ScanPipeline(ScannerSettings settings, String component, Logger log) {
        this.framer = LineFramer.of(settings);
        this.decoder = ScanDecoder.of(settings);
        this.noise = new NoiseMonitor(component, settings.noiseQuietPeriod(), log);
        this.log = log;
        this.component = component;
    }

    /** Bytes that arrived at {@code nowNanos}; returns the scans they completed, in order. */
    List<ScanEvent> onBytes(byte[] buf, int count, long nowNanos) {
        List<ScanEvent> scans = new ArrayList<>(1);
        for (Framed f : framer.feed(buf, 0, count, nowNanos)) {
            handle(f).ifPresent(scans::add);
        }
        return scans;
    }

    /** A read returned nothing at {@code nowNanos}: silence may end a frame or a noise burst. */
    Optional<ScanEvent> onIdle(long nowNanos) {
        Optional<ScanEvent> scan = framer.poll(nowNanos).flatMap(this::handle);
        noise.idle(nowNanos);
        return scan;
    }

    /** The device went away: a partial line is forgotten, it can never be completed. */
    void deviceLost() {
        framer.reset();
    }

    ScannerStats stats() {
        return noise.snapshot();
    }

    private Optional<ScanEvent> handle(Framed framed) {
        ScanResult result = switch (framed) {
            case Framed.Line line -> decoder.decode(line.bytes().toArray(), line.completedNanos());
            case Framed.Dropped d ->
                new ScanResult.Rejected(
                        d.reason(),
                        d.reason() == RejectReason.TOO_LONG
                                ? "line of " + d.length() + " bytes"
                                : "line of " + d.length() + " bytes cut off by silence",
                        d.excerpt(),
                        d.nanos());
        };
        return switch (result) {
            case ScanResult.Accepted a -> {
                noise.accepted(a.scan().monotonicNanos());
                log.debug(
                        "{}: scan accepted: {}, {} characters",
                        component,
                        a.scan().symbology(),
                        a.scan().payload().length());
                yield Optional.of(a.scan());
            }
            case ScanResult.Rejected r -> {
                noise.rejected(r);
                yield Optional.empty();
            }
        };
    }
}
