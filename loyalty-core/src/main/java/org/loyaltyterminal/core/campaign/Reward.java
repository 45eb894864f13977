package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the chain's reward catalogue: what a voucher is worth and how it is earned. A
 * voucher code carries only the {@code slot}; every till reads the reward from its catalogue, so
 * a slot must keep its meaning for as long as vouchers for it are in circulation.
 *
 * @param id          stable name, referenced by stamp cards' {@code voucher}
 * @param slot        0..255, the number printed (signed) inside the voucher code
 * @param text        printed on the voucher and shown to the cashier, e.g. "Free coffee"
 * @param valueCents  what the reward is worth at the till; the foreign-voucher policy compares it
 * @param validDays   days of validity counted from the day of issue, which is the first day
 * @param pointsCost  present when members may buy the reward with points: exactly this many are spent
 * @param controlCode the barcode the cashier scans to buy the reward with points in an open visit
 * @param scope       where the voucher may be redeemed
 * @param terms       an optional small-print line on the voucher
 * @param spendsAllPoints format 3: buying it spends the member's whole balance, which must be at
 *                    least {@code pointsCost} (e.g. "all your points for a hamper"); otherwise
 *                    exactly {@code pointsCost} is spent, never more
 */
public record Reward(
        String id,
        int slot,
        String text,
        long valueCents,
        int validDays,
        Optional<Long> pointsCost,
        Optional<String> controlCode,
        RewardScope scope,
        Optional<String> terms,
        boolean spendsAllPoints) {

    public static final int MAX_SLOT = 255;
    public static final int MAX_VALID_DAYS = 3650;
    public static final long MAX_VALUE_CENTS = 1_000_000_00L;

    public Reward(
            String id,
            int slot,
            String text,
            long valueCents,
            int validDays,
            Optional<Long> pointsCost,
            Optional<String> controlCode,
            RewardScope scope,
            Optional<String> terms) {
        this(id, slot, text, valueCents, validDays, pointsCost, controlCode, scope, terms, false);
    }

    public Reward {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pointsCost, "pointsCost");
        Objects.requireNonNull(controlCode, "controlCode");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(terms, "terms");
        if (slot < 0 || slot > MAX_SLOT) {
            throw new IllegalArgumentException("reward '" + id + "': slot " + slot + " must be 0.." + MAX_SLOT);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("reward '" + id + "': text must not be empty");
        }
        if (valueCents < 0 || valueCents > MAX_VALUE_CENTS) {
            throw new IllegalArgumentException(
                    "reward '" + id + "': valueCents " + valueCents + " must be 0.." + MAX_VALUE_CENTS);
        }
        if (validDays < 1 || validDays > MAX_VALID_DAYS) {
            throw new IllegalArgumentException(
                    "reward '" + id + "': validDays " + validDays + " must be 1.." + MAX_VALID_DAYS);
        }
        if (pointsCost.isPresent() && pointsCost.get() < 1) {
            throw new IllegalArgumentException(
                    "reward '" + id + "': pointsCost must be at least 1, was " + pointsCost.get());
        }
        if (controlCode.isPresent() && pointsCost.isEmpty()) {
            throw new IllegalArgumentException(
                    "reward '" + id + "': a controlCode buys the reward with points, so it needs a pointsCost");
        }
        if (spendsAllPoints && pointsCost.isEmpty()) {
            throw new IllegalArgumentException("reward '" + id
                    + "': spendsAllPoints needs a pointsCost, the least balance" + " it may be bought with");
        }
    }

    /** What buying it takes from a member with {@code balance} points: its cost, or all of them. */
    public long pointsSpentFrom(long balance) {
        long cost = pointsCost.orElseThrow(
                () -> new IllegalStateException("reward '" + id + "' cannot be bought with points"));
        return spendsAllPoints ? Math.max(cost, balance) : cost;
    }
}
