package org.loyaltyterminal.core.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a refund takes back, as a pure function of what the original sale earned, what earlier
 * refunds of it took back, and the member's balances now.
 *
 * <p>Proportional and cumulative: after refunds totalling {@code R} of an original of {@code A}
 * cents, each campaign's award {@code E} has been reversed by {@code floor(E × min(R, A) / A)} in
 * all, so any split of a full refund into partial ones reverses exactly what the sale earned, and
 * rounding never takes more than that (it rounds in the member's favour). A refund is cut to the
 * member's points balance and to the stamps on the campaign's current card: never below zero. When
 * the original amount is not known (a receipt credited before schema 7), a refund counts as full.
 */
public final class RefundReversal {
    private RefundReversal() {}

    /**
     * One campaign's award in the original sale, and how much earlier refunds of it took back.
     *
     * @param stamps           stamps it added (STAMPS rows)
     * @param points           points it added (POINTS rows)
     * @param reversedStamps   stamps earlier refunds of this sale took back (positive)
     * @param reversedPoints   points earlier refunds of this sale took back (positive)
     */
    public record Earned(String campaignId, long stamps, long points, long reversedStamps, long reversedPoints) {
        public Earned {
            Objects.requireNonNull(campaignId, "campaignId");
            if (stamps < 0 || points < 0 || reversedStamps < 0 || reversedPoints < 0) {
                throw new IllegalArgumentException(
                        "campaign '" + campaignId + "': earned and reversed amounts must not be" + " negative, were "
                                + stamps + ", " + points + ", " + reversedStamps + ", " + reversedPoints);
            }
        }
    }

    /**
     * One campaign's reversal: amounts to take away (zero or more), and why.
     *
     * @param cut whether the balance (points, or the stamps on the card) was too small for all of it
     */
    public record Taken(String campaignId, int stamps, long points, boolean cut, String detail) {}

    /**
     * Returns one entry per campaign that loses anything, in {@code earned}'s order.
     * @param earned          per campaign, in the order the rows should be written
     * @param originalCents   the original receipt's amount, when known
     * @param refundedBefore  cents earlier refunds of this receipt already returned
     * @param refundedNow     cents this refund returns
     * @param points          the member's points balance now
     * @param stampsOnCard    the member's stamps on each campaign's current card now
     *
     */
    public static List<Taken> reverse(
            List<Earned> earned,
            OptionalLong originalCents,
            long refundedBefore,
            long refundedNow,
            long points,
            Map<String, Integer> stampsOnCard) {
        if (refundedBefore < 0 || refundedNow < 0) {
            throw new IllegalArgumentException(
                    "refunded amounts must not be negative, were " + refundedBefore + " and " + refundedNow);
        }
        long original = originalCents.orElse(0);
        long cumulative = Math.min(Math.addExact(refundedBefore, refundedNow), original);
        String share = originalCents.isEmpty() || original == 0
                ? "full refund (original amount " + (originalCents.isEmpty() ? "unknown" : "0") + ")"
                : cumulative + " of " + original + " cents refunded in all";
        List<Taken> taken = new ArrayList<>();
        long pointsLeft = points;
        for (Earned e : earned) {
            long wantPoints = Math.max(0, share(e.points(), cumulative, originalCents) - e.reversedPoints());
            long wantStamps = Math.max(0, share(e.stamps(), cumulative, originalCents) - e.reversedStamps());
            long takePoints = Math.min(wantPoints, Math.max(0, pointsLeft));
            long takeStamps = Math.min(wantStamps, Math.max(0, stampsOnCard.getOrDefault(e.campaignId(), 0)));
            if (takePoints == 0 && takeStamps == 0 && wantPoints == 0 && wantStamps == 0) {
                continue;
            }
            pointsLeft -= takePoints;
            boolean cut = takePoints < wantPoints || takeStamps < wantStamps;
            String detail = share + ": earned " + e.points() + " points and " + e.stamps() + " stamps, takes back "
                    + takePoints + " points and " + takeStamps + " stamps"
                    + (cut
                            ? " (cut from " + wantPoints + " points and " + wantStamps + " stamps: never below zero)"
                            : "");
            taken.add(new Taken(e.campaignId(), Math.toIntExact(takeStamps), takePoints, cut, detail));
        }
        return List.copyOf(taken);
    }

    /** floor(amount × refunded / original); everything when the original is unknown or 0. */
    private static long share(long amount, long refunded, OptionalLong originalCents) {
        if (originalCents.isEmpty() || originalCents.getAsLong() == 0) {
            return amount;
        }
        return BigInteger.valueOf(amount)
                .multiply(BigInteger.valueOf(refunded))
                .divide(BigInteger.valueOf(originalCents.getAsLong()))
                .longValueExact();
    }
}
