package org.loyaltyterminal.core.engine;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Referral;

/**
 * The referral rule, pure: whether a scanned code is a referral code of the bundle in force and,
 * if so, what it gives. Storage decides the rest (both enrolled, the new member referred once).
 */
public final class Referrals {
    private Referrals() {}

    /** What a referral code scanned in a visit leads to. */
    public sealed interface Decision permits Grant, Refuse {}

    /** Both members get their points: the new member {@code newMemberPoints}, the referrer {@code referrerPoints}. */
    public record Grant(String referrer, long newMemberPoints, long referrerPoints) implements Decision {}

    /** Not a valid referral here; {@code reason} says why and what to do. */
    public record Refuse(String reason) implements Decision {}

    /**
     * Returns empty when {@code code} is not a referral code (it is then an ordinary item).
     * @param code            the scanned barcode
     * @param member          the member whose visit is open
     * @param enrolmentVisit  the visit is the one that enrolled {@code member}
     *
     */
    public static Optional<Decision> judge(CampaignBundle rules, String code, String member, boolean enrolmentVisit) {
        Optional<Referral> referral = rules.programme().referral();
        if (referral.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> referrer = referral.get().referrer(code);
        if (referrer.isEmpty()) {
            return Optional.empty();
        }
        if (!enrolmentVisit) {
            return Optional.of(new Refuse(
                    "a referral code counts only in the visit that enrols the new member;" + " no change made"));
        }
        if (referrer.get().equals(member)) {
            return Optional.of(new Refuse("a member cannot refer themselves; no change made"));
        }
        return Optional.of(new Grant(
                referrer.get(), referral.get().newMemberPoints(), referral.get().referrerPoints()));
    }
}
