package org.loyaltyterminal.device.print;

/** Receives job outcomes on the print thread; must return quickly and not throw. */
@FunctionalInterface
public interface PrintListener {
    void onOutcome(PrintOutcome outcome);
}
