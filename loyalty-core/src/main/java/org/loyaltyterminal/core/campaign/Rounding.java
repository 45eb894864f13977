package org.loyaltyterminal.core.campaign;

/** How a fractional number of points is turned into whole points. */
public enum Rounding {
    /** Towards zero: 12.99 units earn 12 points. The default: no point for a part unit. */
    DOWN("down"),
    /** To the nearest, halves up: 12.50 units earn 13 points. */
    HALF_UP("half-up");

    private final String jsonName;

    Rounding(String jsonName) {
        this.jsonName = jsonName;
    }

    /** As the campaign file spells it, and as award explanations print it. */
    public String jsonName() {
        return jsonName;
    }
}
