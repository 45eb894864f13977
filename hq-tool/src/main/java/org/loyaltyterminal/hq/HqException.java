package org.loyaltyterminal.hq;

/** The root of HQ tool failures: a broker out of reach, a store that cannot be written, a bad option. */
public class HqException extends RuntimeException {
    public HqException(String message) {
        super(message);
    }

    public HqException(String message, Throwable cause) {
        super(message, cause);
    }
}
