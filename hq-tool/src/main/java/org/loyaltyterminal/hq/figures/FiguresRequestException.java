package org.loyaltyterminal.hq.figures;

/**
 * A request for figures that cannot be answered as asked: a malformed id, date or parameter, or a
 * period out of bounds. The message is plain words for whoever asked (HTTP 400, CLI usage error)
 * and never repeats the offending input at length.
 */
public final class FiguresRequestException extends RuntimeException {
    public FiguresRequestException(String message) {
        super(message);
    }
}
