package org.loyaltyterminal.device.serial;

import java.util.Objects;

/**
 * How a serial line is set up: speed, character format and the read timeout. Flow control is
 * always off: none of our devices (scanners, the PN532 in HSU mode, receipt printers) is wired for it.
 *
 * @param baud             bits per second
 * @param dataBits         5..8
 * @param parity           parity bit
 * @param stopBits         stop bits
 * @param readTimeoutMillis how long a read waits for the first byte before returning 0; jSerialComm
 *                          on Linux works in deciseconds, so 100 ms is the finest that means anything
 */
public record LineSettings(int baud, int dataBits, Parity parity, StopBits stopBits, int readTimeoutMillis) {

    /** Parity bit of the serial line. */
    public enum Parity {
        NONE,
        EVEN,
        ODD,
        MARK,
        SPACE
    }

    /** Stop bits of the serial line. */
    public enum StopBits {
        ONE,
        ONE_POINT_FIVE,
        TWO
    }

    public LineSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("serial line: baud " + baud + " must be > 0");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("serial line: data bits " + dataBits + " must be 5..8");
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        if (readTimeoutMillis <= 0) {
            throw new IllegalArgumentException("serial line: read timeout " + readTimeoutMillis + " ms must be > 0");
        }
    }

    /** 8 data bits, no parity, 1 stop bit: what the PN532 and receipt printers speak. */
    public static LineSettings eightNoneOne(int baud, int readTimeoutMillis) {
        return new LineSettings(baud, 8, Parity.NONE, StopBits.ONE, readTimeoutMillis);
    }

    /** "8N1", "7E2", "8N1.5": the short form used in log lines. */
    public String format() {
        String stop = switch (stopBits) {
            case ONE -> "1";
            case ONE_POINT_FIVE -> "1.5";
            case TWO -> "2";
        };
        return dataBits + String.valueOf(parity.name().charAt(0)) + stop;
    }
}
