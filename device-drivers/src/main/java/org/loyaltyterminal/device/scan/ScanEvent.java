package org.loyaltyterminal.device.scan;

import java.util.Objects;

/**
 * One decoded scan, as it leaves a driver. Only scans that passed framing, noise filtering and
 * check-digit validation become a ScanEvent: garbage never gets further than the driver.
 *
 * @param source          the configured name of the device that produced it (e.g. "scanner")
 * @param symbology       what the scanner reported, or what the payload proves (EAN-13 by its
 *                        check digit), or {@link Symbology#UNKNOWN}
 * @param payload         the data, with prefix, suffix and AIM identifier removed; printable ASCII,
 *                        except that GS1 symbologies (GS1-128, GS1 DataBar, GS1 QR, GS1 DataMatrix)
 *                        keep their 0x1D (GS) field separators for the application-identifier parser
 * @param monotonicNanos  {@link org.loyaltyterminal.device.Ticker} time when the frame completed
 */
public record ScanEvent(String source, Symbology symbology, String payload, long monotonicNanos) {
    public ScanEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(symbology, "symbology");
        Objects.requireNonNull(payload, "payload");
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("scan payload must not be empty");
        }
    }
}
