package org.loyaltyterminal.core.engine;

import java.util.Objects;

/**
 * One movement the engine decided on. Each becomes one ledger row; {@link #stampsDelta()} and
 * {@link #pointsDelta()} are what that row adds to the member's balances. {@link #why()} says
 * which rule produced it and how, for the ledger, HQ and {@code member show}.
 */
public sealed interface Award
        permits Award.StampsAwarded,
                Award.StampCardCompleted,
                Award.PointsAwarded,
                Award.BonusAwarded,
                Award.VoucherEarned,
                Award.ActivityFlagged,
                Award.PointsExpired,
                Award.TierChanged,
                Award.StampsExpired {
    /** The campaign whose rule produced this award; empty for a safeguard's flag. */
    String campaignId();

    int stampsDelta();

    long pointsDelta();

    Why why();

    /**
     * The explanation of an award.
     *
     * @param rule           which rule of the campaign, e.g. {@code points.receipt}, {@code bonus.birthday}
     * @param detail         the figures, e.g. {@code 1299 cents x 1 / 100, down}
     * @param clockUntrusted the time-windowed rules were judged on a clock that was not synchronised
     *                       (the last trusted time plus elapsed monotonic time, or the raw clock)
     */
    record Why(String rule, String detail, boolean clockUntrusted) {
        /** For awards built by hand (tests, older callers): no rule recorded. */
        public static final Why NONE = new Why("", "", false);

        public Why {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Stamps added to the member's current card of {@code campaignId}. */
    record StampsAwarded(String campaignId, int stamps, Why why) implements Award {
        public StampsAwarded(String campaignId, int stamps) {
            this(campaignId, stamps, Why.NONE);
        }

        @Override
        public int stampsDelta() {
            return stamps;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }

    /**
     * A card is full: {@code cardSize} stamps leave the card and the reward is earned. Follows
     * the {@link StampsAwarded} that filled it; the surplus stays on the next card.
     */
    record StampCardCompleted(String campaignId, int cardSize, String reward, Why why) implements Award {
        public StampCardCompleted(String campaignId, int cardSize, String reward) {
            this(campaignId, cardSize, reward, Why.NONE);
        }

        @Override
        public int stampsDelta() {
            return -cardSize;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }

    /** Points for money spent (a receipt, priced items) or per item. */
    record PointsAwarded(String campaignId, long points, Why why) implements Award {
        public PointsAwarded(String campaignId, long points) {
            this(campaignId, points, Why.NONE);
        }

        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return points;
        }
    }

    /** Points for a welcome, a birthday or the Nth visit. */
    record BonusAwarded(String campaignId, long points, Why why) implements Award {
        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return points;
        }
    }

    /** One voucher of catalogue reward {@code rewardId} (buy X get Y); issued with the commit. */
    record VoucherEarned(String campaignId, String rewardId, Why why) implements Award {
        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }

    /** Not an award: a safeguard noticed something for HQ (too many visits by one card today). */
    record ActivityFlagged(String campaignId, Why why) implements Award {
        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }

    /** Not an award: lots older than the bundle's expiry age leave the balance ({@code points} &gt; 0 taken). */
    record PointsExpired(long points, Why why) implements Award {
        public PointsExpired {
            if (points <= 0) {
                throw new IllegalArgumentException("points expired must be positive, was " + points);
            }
        }

        @Override
        public String campaignId() {
            return "";
        }

        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return -points;
        }
    }

    /** Not an award: the {@code stamps} on an unfinished card of {@code campaignId} expired and leave it. */
    record StampsExpired(String campaignId, int stamps, Why why) implements Award {
        public StampsExpired {
            Objects.requireNonNull(campaignId, "campaignId");
            if (stamps <= 0) {
                throw new IllegalArgumentException("stamps expired must be positive, was " + stamps);
            }
        }

        @Override
        public int stampsDelta() {
            return -stamps;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }

    /** Not an award: the member moved to tier {@code to} ("none" below the lowest level) from {@code from}. */
    record TierChanged(String from, String to, Why why) implements Award {
        public TierChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String campaignId() {
            return "";
        }

        @Override
        public int stampsDelta() {
            return 0;
        }

        @Override
        public long pointsDelta() {
            return 0;
        }
    }
}
