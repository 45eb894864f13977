package org.loyaltyterminal.core.voucher;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a voucher code carries. The value of the reward is not in the code: {@code rewardSlot}
 * names an entry of the chain's reward catalogue, which holds the reward and its value. See
 * {@code docs/voucher-codes.md} for the layout.
 *
 * @param terminal the issuing terminal's chain-assigned number, 0 to {@value #MAX_TERMINAL}
 * @param sequence the voucher's number on that terminal, 0 to {@value #MAX_SEQUENCE}; the issuer
 *     continues at 0 after the maximum
 * @param validThrough the last day the voucher may be redeemed (it expires at the end of that
 *     day), from {@link #FIRST_DAY} to {@link #LAST_DAY}
 * @param rewardSlot the reward catalogue entry, 0 to {@value #MAX_REWARD_SLOT}
 */
public record VoucherCode(int terminal, int sequence, LocalDate validThrough, int rewardSlot) {
    static final int TERMINAL_BITS = 10;
    static final int SEQUENCE_BITS = 20;
    static final int DAY_BITS = 13;
    static final int REWARD_BITS = 8;

    public static final int MAX_TERMINAL = (1 << TERMINAL_BITS) - 1;
    public static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    public static final int MAX_REWARD_SLOT = (1 << REWARD_BITS) - 1;
    /** Day 0 of the expiry field: the earliest expiry a code can carry. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    /** The latest expiry a code can carry: {@link #FIRST_DAY} plus 8191 days, 2047-06-06. */
    public static final LocalDate LAST_DAY = FIRST_DAY.plusDays((1 << DAY_BITS) - 1);

    public VoucherCode {
        requireRange("terminal", terminal, MAX_TERMINAL, "use the terminal number the chain assigned");
        requireRange("sequence", sequence, MAX_SEQUENCE, "continue at 0 after " + MAX_SEQUENCE);
        requireRange("rewardSlot", rewardSlot, MAX_REWARD_SLOT, "use a slot of the reward catalogue");
        Objects.requireNonNull(validThrough, "voucher validThrough: missing; give the last day of validity");
        if (validThrough.isBefore(FIRST_DAY) || validThrough.isAfter(LAST_DAY)) {
            throw new IllegalArgumentException("voucher validThrough " + validThrough + " is outside " + FIRST_DAY
                    + ".." + LAST_DAY + ", the range the code can carry; choose a day inside it");
        }
    }

    /** Whether the voucher may still be redeemed on {@code today}: it is valid through the whole of its last day. */
    public boolean isValidOn(LocalDate today) {
        return !today.isAfter(validThrough);
    }

    /** A short name for logs and receipts, e.g. {@code voucher 12/345}; no secret, not the code itself. */
    public String label() {
        return "voucher " + number();
    }

    /** The voucher's number as printed on it, e.g. {@code 12/345}. */
    public String number() {
        return terminal + "/" + sequence;
    }

    /**
     * The last day of a voucher issued on {@code issued} for {@code validDays} days, the day of
     * issue being the first; capped at {@link #LAST_DAY}, the latest the code can carry.
     */
    public static LocalDate lastDay(LocalDate issued, int validDays) {
        LocalDate last = issued.plusDays(validDays - 1L);
        return last.isAfter(LAST_DAY) ? LAST_DAY : last;
    }

    /** {@link #label()} of the voucher a {@link #reference()} names, e.g. for a ledger row. */
    public static String labelOf(String reference) {
        int last = reference.lastIndexOf('/');
        return "voucher " + (last > 0 ? reference.substring(0, last) : reference);
    }

    /**
     * The voucher's name in the ledger, the outbox and HQ: unique per chain, since a sequence
     * can recur only after it wraps, by which time the last day differs. Not secret: without the
     * signature it cannot be turned back into a code that a till accepts.
     */
    public String reference() {
        return terminal + "/" + sequence + "/" + validThrough;
    }

    int dayNumber() {
        return Math.toIntExact(ChronoUnit.DAYS.between(FIRST_DAY, validThrough));
    }

    private static void requireRange(String field, int value, int max, String fix) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("voucher " + field + " " + value + " is outside 0.." + max + "; " + fix);
        }
    }
}
