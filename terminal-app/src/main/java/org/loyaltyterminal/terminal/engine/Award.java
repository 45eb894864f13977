package org.loyaltyterminal.terminal.engine;

/**
 * One movement the engine decided on. Each becomes one ledger row; {@link #stampsDelta()} and
 * {@link #pointsDelta()} are what that row adds to the member's balances.
 */
public sealed interface Award permits Award.StampsAwarded, Award.StampCardCompleted, Award.PointsAwarded {
    /** The campaign whose rule produced this award. */
    String campaignId();

    int stampsDelta();

    long pointsDelta();

    /** Stamps added to the member's current card of {@code campaignId}. */
    record StampsAwarded(String campaignId, int stamps) implements Award {
        public int stampsDelta() { return stamps; }

        public long pointsDelta() { return 0; }
    }

    /**
     * A card is full: {@code cardSize} stamps leave the card and the reward is earned. Follows
     * the {@link StampsAwarded} that filled it; the surplus stays on the next card.
     */
    record StampCardCompleted(String campaignId, int cardSize, String reward) implements Award {
        public int stampsDelta() { return -cardSize; }

        public long pointsDelta() { return 0; }
    }

    /** Points for a receipt amount. */
    record PointsAwarded(String campaignId, long points) implements Award {
        public int stampsDelta() { return 0; }

        public long pointsDelta() { return points; }
    }
}
