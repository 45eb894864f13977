package org.loyaltyterminal.core.engine;

/**
 * An award too large to compute exactly in 64-bit (points) or 32-bit (stamps) arithmetic.
 * Only an implausible input gets here (a misread receipt amount or quantity); the engine refuses
 * it rather than wrap around to a wrong, possibly negative, award.
 */
public final class AwardOverflowException extends ArithmeticException {
    public AwardOverflowException(String message) {
        super(message);
    }
}
