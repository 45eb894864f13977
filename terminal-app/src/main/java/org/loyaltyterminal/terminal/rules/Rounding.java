package org.loyaltyterminal.terminal.rules;

/** How a fractional number of points is turned into whole points. */
public enum Rounding {
    /** Towards zero: 12.99 units earn 12 points. The default: no point for a part unit. */
    DOWN,
    /** To the nearest, halves up: 12.50 units earn 13 points. */
    HALF_UP
}
