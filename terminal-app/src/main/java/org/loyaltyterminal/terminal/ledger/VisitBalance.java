package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which balance a visit used: this till's own, or HQ's confirmed balance asked for when the visit
 * opened. Recorded with the visit, so {@code member show} can say why a balance was what it was.
 *
 * @param source what happened to the question to HQ
 * @param millis the budget the answer had ({@link Source#ASKED}) or the time HQ took to answer
 *     ({@link Source#HQ}, {@link Source#HQ_UNKNOWN}); empty otherwise
 */
public record VisitBalance(Source source, OptionalLong millis) {
    /** As stored in the {@code visits.balance_source} column. */
    public enum Source {
        /** No question asked: no HQ link configured, or lookups turned off. */
        TILL("till"),
        /** The HQ link was down when the visit opened: no question asked. */
        HQ_OFFLINE("hq-offline"),
        /** Asked, and no answer within the budget (or none yet). */
        ASKED("asked"),
        /** HQ answered in time; its balance is in force. */
        HQ("hq"),
        /** HQ answered in time that it holds no account for the card; this till's balance stands. */
        HQ_UNKNOWN("hq-unknown");

        private final String column;

        Source(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        static Source ofColumn(String column) {
            for (Source source : values()) {
                if (source.column.equals(column)) {
                    return source;
                }
            }
            throw new StorageException("visit balance source '" + column + "' is not one this software wrote");
        }
    }

    public VisitBalance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(millis, "millis");
        boolean timed = source == Source.ASKED || source == Source.HQ || source == Source.HQ_UNKNOWN;
        if (timed != millis.isPresent()) {
            throw new IllegalArgumentException(source + (timed ? " needs" : " takes no") + " time in milliseconds");
        }
    }

    public static VisitBalance till() {
        return new VisitBalance(Source.TILL, OptionalLong.empty());
    }

    public static VisitBalance hqOffline() {
        return new VisitBalance(Source.HQ_OFFLINE, OptionalLong.empty());
    }

    public static VisitBalance asked(long budgetMillis) {
        return new VisitBalance(Source.ASKED, OptionalLong.of(budgetMillis));
    }

    /** HQ's answer arrived after {@code millis}: its balance, or none when it knows no account. */
    public static VisitBalance answered(boolean known, long millis) {
        return new VisitBalance(known ? Source.HQ : Source.HQ_UNKNOWN, OptionalLong.of(millis));
    }

    static VisitBalance of(String column, Optional<Long> millis) {
        Source source = Source.ofColumn(column);
        boolean timed = source == Source.ASKED || source == Source.HQ || source == Source.HQ_UNKNOWN;
        return new VisitBalance(source, timed ? OptionalLong.of(millis.orElse(0L)) : OptionalLong.empty());
    }

    /** "HQ (answered in 42 ms)", "this till's (HQ offline)", "this till's (no answer within 300 ms)"... */
    public String describe() {
        return switch (source) {
            case TILL -> "this till's";
            case HQ_OFFLINE -> "this till's (HQ offline)";
            case ASKED -> "this till's (no answer within " + millis.getAsLong() + " ms)";
            case HQ -> "HQ (answered in " + millis.getAsLong() + " ms)";
            case HQ_UNKNOWN ->
                "this till's (HQ holds no account for the card; answered in " + millis.getAsLong() + " ms)";
        };
    }
}
