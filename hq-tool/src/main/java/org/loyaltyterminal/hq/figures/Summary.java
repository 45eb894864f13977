package org.loyaltyterminal.hq.figures;

/** A scope's figures for a period, without the per-campaign breakdown and the series. */
public record Summary(Flows flows, Members members) {
    public static final Summary NONE = new Summary(Flows.ZERO, Members.NONE);
}
