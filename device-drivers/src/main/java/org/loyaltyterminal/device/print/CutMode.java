package org.loyaltyterminal.device.print;

/** The paper cut after feeding ({@code GS V 65 n} full, {@code GS V 66 n} partial). */
public enum CutMode {
    FULL(0x41),
    PARTIAL(0x42);

    private final int function;

    CutMode(int function) {
        this.function = function;
    }

    int function() {
        return function;
    }
}
