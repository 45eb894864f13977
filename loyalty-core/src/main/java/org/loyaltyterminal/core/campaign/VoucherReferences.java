package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A campaign's {@code "voucher"} names a reward of the catalogue, in a file whose format has one.
 * Checked on the whole file after the catalogue is read, for every campaign that names one,
 * whatever else is wrong with it.
 */
final class VoucherReferences {

    void check(JsonNode root, FileFormat format, List<Reward> rewards, Problems problems) {
        JsonNode array = root.path("campaigns");
        if (!array.isArray()) {
            return; // the campaigns' check has said what is wrong with it
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode voucher = array.get(i).path("voucher");
            if (voucher.isMissingNode()) {
                continue;
            }
            JsonPath at = JsonPath.ROOT.field("campaigns").index(i).field("voucher");
            if (!format.hasRewards()) {
                problems.add(
                        at,
                        "needs format " + FileFormat.REWARDS
                                + " or later (with a \"rewards\" catalogue), the file says format " + format.number());
            } else if (voucher.isTextual() && rewards.stream().noneMatch(r -> r.id().equals(voucher.asText()))) {
                problems.add(
                        at,
                        "names reward " + quote(voucher.asText())
                                + ", which is not in \"rewards\"; add it there or fix the id");
            }
        }
    }
}
