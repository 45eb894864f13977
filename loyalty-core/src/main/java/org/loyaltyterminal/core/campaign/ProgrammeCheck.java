package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The top-level sections about members rather than one campaign (format 3): safeguards, points
 * expiry, the referral bonus and the reward offer. Tiers have {@link TiersCheck}.
 */
final class ProgrammeCheck {

    private static final List<String> SAFEGUARD_FIELDS = List.of("minIntervalSeconds", "suspiciousVisitsPerDay");
    private static final List<String> EXPIRY_FIELDS = List.of("afterDays");
    private static final List<String> REFERRAL_FIELDS = List.of("prefix", "referrerPoints", "newMemberPoints");
    private static final List<String> OFFER_FIELDS = List.of("policy", "takeCode");

    Optional<Safeguards> safeguards(Fields g) {
        g.rejectUnknown(SAFEGUARD_FIELDS);
        Omittable<Long> interval = g.optionalInteger("minIntervalSeconds", 1, 86_400);
        Omittable<Long> visits = g.optionalInteger("suspiciousVisitsPerDay", 1, 1000);
        if (interval.isRefused() || visits.isRefused()) {
            return Optional.empty();
        }
        return Optional.of(new Safeguards(
                interval.given().map(Duration::ofSeconds),
                visits.given().map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty())));
    }

    Optional<PointsExpiry> pointsExpiry(Fields e) {
        e.rejectUnknown(EXPIRY_FIELDS);
        return e.integer("afterDays", 1, PointsExpiry.MAX_DAYS).map(d -> new PointsExpiry(d.intValue()));
    }

    Optional<Referral> referral(Fields r) {
        r.rejectUnknown(REFERRAL_FIELDS);
        Optional<String> prefix = r.text("prefix");
        Optional<Long> referrer = r.integer("referrerPoints", 0, 0, 1_000_000);
        Optional<Long> member = r.integer("newMemberPoints", 0, 0, 1_000_000);
        if (prefix.isEmpty() || referrer.isEmpty() || member.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Referral(prefix.get(), referrer.get(), member.get()));
        } catch (IllegalArgumentException e) {
            r.problemHere(e.getMessage());
            return Optional.empty();
        }
    }

    /** The offer; its take code must be no product's code and no reward's control code. */
    Optional<RewardOffer> rewardOffer(Fields o, Map<String, Product> products, List<Reward> rewards) {
        o.rejectUnknown(OFFER_FIELDS);
        Optional<RewardOffer.Policy> policy = o.requiredChoice(
                "policy", Fields.oneOf("cheapest", RewardOffer.Policy.CHEAPEST, "next", RewardOffer.Policy.NEXT));
        Optional<String> takeCode = o.text("takeCode").filter(code -> takeCodeFree(o, code, products, rewards));
        if (rewards.stream().noneMatch(r -> r.pointsCost().isPresent())) {
            o.problemHere("offers a reward bought with points, but no reward in \"rewards\" has a \"pointsCost\";"
                    + " give one a cost or remove \"rewardOffer\"");
            return Optional.empty();
        }
        if (policy.isEmpty() || takeCode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RewardOffer(policy.get(), takeCode.get()));
    }

    private static boolean takeCodeFree(Fields o, String code, Map<String, Product> products, List<Reward> rewards) {
        if (products.containsKey(code)) {
            o.problem("takeCode", quote(code) + " is also a product code; the take code must not be a product");
            return false;
        }
        for (Reward reward : rewards) {
            if (reward.controlCode().filter(code::equals).isPresent()) {
                o.problem(
                        "takeCode",
                        quote(code) + " is also reward '" + reward.id() + "''s control code;"
                                + " the take code takes whichever reward is offered, so it needs a code of its own");
                return false;
            }
        }
        return true;
    }
}
