package org.loyaltyterminal.hq.figures;

import java.util.OptionalDouble;

/**
 * Who came, counted in distinct members with a visit event in the scope (see docs/hq-tool.md,
 * "Programme figures").
 *
 * @param active30       members with a visit in the 30 days ending with the period's last day
 * @param active90       the same over 90 days
 * @param visitors       members with a visit in the period
 * @param repeatVisitors those of them with two visits or more in the period
 * @param previousActive members with a visit in the period of the same length just before
 * @param retained       those of them with a visit in the period too
 */
public record Members(
        long active30, long active90, long visitors, long repeatVisitors, long previousActive, long retained) {
    public static final Members NONE = new Members(0, 0, 0, 0, 0, 0);

    /** Share of the period's visitors who came twice or more; empty when nobody came. */
    public OptionalDouble repeatRate() {
        return share(repeatVisitors, visitors);
    }

    /** Share of the previous period's active members who came again; empty when there were none. */
    public OptionalDouble retention() {
        return share(retained, previousActive);
    }

    /** 1 - retention. */
    public OptionalDouble churn() {
        OptionalDouble retention = retention();
        return retention.isPresent() ? OptionalDouble.of(1 - retention.getAsDouble()) : OptionalDouble.empty();
    }

    private static OptionalDouble share(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
