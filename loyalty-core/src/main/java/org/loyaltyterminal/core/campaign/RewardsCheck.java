package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reward catalogue ({@code "rewards"}, format 2): ids, slots and control codes unique, and a
 * control code neither a product code nor without the points it buys the reward with.
 */
final class RewardsCheck {

    private static final List<String> FIELDS = List.of(
            "id",
            "slot",
            "text",
            "valueCents",
            "validDays",
            "pointsCost",
            "controlCode",
            "scope",
            "terms",
            "spendsAllPoints");

    /** What the rewards read so far have taken. */
    private record Taken(Map<String, String> ids, Map<Long, String> slots, Map<String, String> controlCodes) {}

    List<Reward> read(Fields top, Map<String, Product> products) {
        List<Reward> rewards = new ArrayList<>();
        if (top.has("rewards") && !top.format().hasRewards()) {
            top.problem("rewards", top.format().needs(FileFormat.REWARDS));
            return rewards;
        }
        Taken taken = new Taken(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Optional<JsonNode> array = top.optionalArray("rewards");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            top.element("rewards", array.get(), i)
                    .flatMap(r -> reward(r, products, taken))
                    .ifPresent(rewards::add);
        }
        return rewards;
    }

    private static Optional<Reward> reward(Fields r, Map<String, Product> products, Taken taken) {
        r.rejectUnknown(FIELDS);
        Optional<String> id = r.id().filter(value -> r.unique("id", value, taken.ids(), "reward ids must be unique"));
        Optional<Long> slot = r.integer("slot", 0, Reward.MAX_SLOT)
                .filter(value -> r.unique("slot", value, taken.slots(), "a voucher code names its reward by slot"));
        Optional<String> text = r.text("text");
        Optional<Long> value = r.integer("valueCents", 0, Reward.MAX_VALUE_CENTS);
        Optional<Long> validDays = r.integer("validDays", 1, Reward.MAX_VALID_DAYS);
        Omittable<Long> pointsCost = r.optionalInteger("pointsCost", 1, Long.MAX_VALUE);
        Omittable<String> controlCode = r.optionalText("controlCode");
        if (controlCode.given().isPresent()
                && !controlCodeFree(r, controlCode.given().get(), products, taken)) {
            controlCode = Omittable.refused();
        }
        if (controlCode.given().isPresent() && pointsCost instanceof Omittable.LeftOut<Long>) {
            r.problem("controlCode", "buys the reward with points, so the reward needs a \"pointsCost\"");
            controlCode = Omittable.refused();
        }
        Optional<RewardScope> scope = r.choice(
                        "scope", Fields.oneOf("chain", RewardScope.CHAIN, "store", RewardScope.STORE))
                .orElse(RewardScope.CHAIN);
        Omittable<String> terms = r.optionalText("terms");
        Optional<Boolean> spendsAll = r.bool("spendsAllPoints", false);
        if (r.has("spendsAllPoints") && !r.format().hasRules()) {
            r.problem(
                    "spendsAllPoints",
                    "needs format " + FileFormat.RULES + ", the file says format "
                            + r.format().number() + "; set \"format\": " + FileFormat.RULES);
            spendsAll = Optional.empty();
        }
        if (id.isEmpty()
                || slot.isEmpty()
                || text.isEmpty()
                || value.isEmpty()
                || validDays.isEmpty()
                || pointsCost.isRefused()
                || controlCode.isRefused()
                || scope.isEmpty()
                || terms.isRefused()
                || spendsAll.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Reward(
                    id.get(),
                    slot.get().intValue(),
                    text.get(),
                    value.get(),
                    validDays.get().intValue(),
                    pointsCost.given(),
                    controlCode.given(),
                    scope.get(),
                    terms.given(),
                    spendsAll.get()));
        } catch (IllegalArgumentException e) {
            r.problemHere(e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean controlCodeFree(Fields r, String code, Map<String, Product> products, Taken taken) {
        if (products.containsKey(code)) {
            r.problem("controlCode", quote(code) + " is also a product code; a control code must not be a product");
            return false;
        }
        return r.unique("controlCode", code, taken.controlCodes(), "each control code buys one reward");
    }
}
