package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Campaign bundles made up from a seed, each valid by docs/campaign-format.md: every kind of
 * campaign the format allows, every optional field sometimes, every top-level section sometimes,
 * ids and codes unique, references that resolve, windows and hours in order. Formats 1 and 2 get
 * only what they have.
 */
final class GeneratedBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CODES = List.of("4006381333931", "4001", "SKU-17", "beans", "x");
    private static final List<String> CATEGORIES = List.of("coffee", "tea", "bakery", "tobacco", "gift-card");
    private static final List<String> REWARD_IDS = List.of("free-coffee", "cake", "tote-bag", "hamper", "r1");
    private static final List<String> CONTROL_CODES = List.of("REWARD-CAKE", "REWARD-COFFEE", "CTRL-1");
    private static final List<String> CAMPAIGN_IDS =
            List.of("coffee-card", "points", "welcome", "croissant-3", "happy-hour", "x", "a-1");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final List<String> INSTANTS = List.of(
            "2025-12-31T23:00:00Z",
            "2026-01-01T00:00:00+01:00",
            "2026-03-29T02:30:00.5+02:00",
            "2026-06-30t12:00:00z",
            "2027-01-01T00:00:00-05:30",
            "2099-12-31T23:59:59.123456789+14:00");

    private final Random random;
    private final int format;
    private final List<String> products = new ArrayList<>();
    private final List<String> rewards = new ArrayList<>();
    private boolean pricedReward;

    private GeneratedBundle(Random random) {
        this.random = random;
        this.format = chance(70) ? 3 : 1 + random.nextInt(2);
    }

    /** A valid bundle; the same seed gives the same bundle. */
    static ObjectNode from(long seed) {
        return new GeneratedBundle(new Random(seed)).bundle();
    }

    private ObjectNode bundle() {
        ObjectNode b = JSON.createObjectNode();
        b.put("format", format);
        b.put("version", pick(List.of(1L, 2L, 42L, 1_765_000_000_000L, Long.MAX_VALUE)));
        if (chance(70)) {
            ArrayNode list = b.putArray("products");
            for (String code : some(CODES, 3)) {
                products.add(code);
                ObjectNode p = list.addObject().put("code", code).put("category", pick(CATEGORIES));
                p.put(
                        "name",
                        pick(List.of("Product " + code, "Caf\u00e9 cr\u00e8me \u20ac", "\u2615 Kaffee \ud83c\udf70")));
                if (format == 3 && chance(50)) {
                    p.put("priceCents", pick(List.of(0L, 120L, 899L, 100_000_000L)));
                }
            }
        }
        if (format >= 2 && chance(70)) {
            rewards(b.putArray("rewards"));
        }
        ArrayNode campaigns = b.putArray("campaigns");
        for (String id : some(CAMPAIGN_IDS, 4)) {
            campaign(campaigns.addObject().put("id", id));
        }
        if (format == 3) {
            sections(b);
        }
        return b;
    }

    private void rewards(ArrayNode list) {
        List<Integer> slots = some(List.of(0, 1, 2, 7, 255), 3);
        List<String> ids = new ArrayList<>(REWARD_IDS);
        Collections.shuffle(ids, random);
        for (int i = 0; i < slots.size(); i++) {
            ObjectNode r = list.addObject().put("id", ids.get(i)).put("slot", slots.get(i));
            r.put("text", "Reward " + i).put("valueCents", pick(List.of(0L, 350L, 100_000_000L)));
            r.put("validDays", pick(List.of(1, 30, 3650)));
            rewards.add(ids.get(i));
            if (chance(60)) {
                pricedReward = true;
                r.put("pointsCost", pick(List.of(1L, 150L, Long.MAX_VALUE)));
                String code = CONTROL_CODES.get(i);
                if (chance(50)) {
                    r.put("controlCode", code);
                }
                if (format == 3 && chance(30)) {
                    r.put("spendsAllPoints", random.nextBoolean());
                }
            }
            if (!r.has("pointsCost") && format == 3 && chance(15)) {
                r.put("spendsAllPoints", false); // the default, written out: no points to spend
            }
            if (chance(40)) {
                r.put("scope", pick(List.of("chain", "store")));
            }
            if (chance(30)) {
                r.put("terms", "While stocks last.");
            }
        }
    }

    private void campaign(ObjectNode c) {
        List<String> kinds = new ArrayList<>(List.of("stamp-card", "points"));
        if (format == 3) {
            kinds.add("bonus");
            if (!rewards.isEmpty()) {
                kinds.add("buy-x-get-y");
            }
        }
        String kind = pick(kinds);
        c.put("type", kind);
        validity(c);
        if (format == 3) {
            terms(c);
        }
        switch (kind) {
            case "stamp-card" -> {
                qualifying(c);
                if (chance(50)) {
                    c.put("stampsPerItem", pick(List.of(1L, 2L, 2_147_483_647L)));
                }
                c.put("cardSize", pick(List.of(1, 10, 1000)));
                c.put("reward", "Free coffee");
                if (format >= 2 && !rewards.isEmpty() && chance(50)) {
                    c.put("voucher", pick(rewards));
                }
                if (format == 3 && chance(30)) {
                    c.put("expiresAfterDays", pick(List.of(1, 90, 3650)));
                }
            }
            case "points" -> points(c);
            case "bonus" -> {
                String trigger = pick(List.of("welcome", "birthday", "nth-visit"));
                c.put("trigger", trigger);
                c.put("points", pick(List.of(1L, 50L, 2_147_483_647L)));
                if (trigger.equals("nth-visit")) {
                    c.put("n", pick(List.of(2, 3, 1000)));
                    c.put("period", pick(List.of("day", "week", "month")));
                }
            }
            default -> {
                qualifying(c);
                c.put("buy", pick(List.of(1, 3, 1000)));
                c.put("voucher", pick(rewards));
            }
        }
    }

    private void points(ObjectNode c) {
        boolean perItem = format == 3 && chance(40);
        if (!perItem || chance(50)) {
            c.put("pointsPerUnit", pick(List.of(1L, 10L, Long.MAX_VALUE)));
        }
        if (chance(50)) {
            c.put("unitCents", pick(List.of(1L, 100L, Long.MAX_VALUE)));
        }
        if (chance(50)) {
            c.put("rounding", pick(List.of("down", "half-up")));
        }
        if (format < 3) {
            return;
        }
        boolean items = chance(30);
        if (items) {
            c.put("basis", "items");
        } else if (chance(20)) {
            c.put("basis", "receipt");
        }
        if (perItem) {
            c.put("pointsPerItem", pick(List.of(1L, 5L, 2_147_483_647L)));
        }
        if ((perItem || items) && chance(50)) {
            qualifying(c);
        }
        if (chance(25)) {
            ObjectNode m = c.putObject("categoryMultipliers");
            for (String category : some(CATEGORIES, 2)) {
                m.put(category, pick(List.of(0, 3, 100)));
            }
        }
        if (chance(25)) {
            strings(c.putArray("excludedCategories"), some(CATEGORIES, 2));
        }
    }

    private void validity(ObjectNode c) {
        List<String> pair = some(INSTANTS, 2);
        if (pair.size() == 2 && chance(30)) {
            // INSTANTS are in order, and some() keeps it
            c.put("validFrom", pair.get(0)).put("validUntil", pair.get(1));
        } else if (!pair.isEmpty() && chance(30)) {
            c.put(random.nextBoolean() ? "validFrom" : "validUntil", pair.getFirst());
        }
    }

    private void terms(ObjectNode c) {
        if (chance(30)) {
            c.put("priority", pick(List.of(-1000, 0, 10, 1000)));
        }
        if (chance(20)) {
            c.put("exclusive", random.nextBoolean());
        }
        if (chance(20)) {
            ObjectNode scope = c.putObject("scope");
            boolean stores = random.nextBoolean();
            strings(scope.putArray(stores ? "stores" : "terminals"), List.of("store-1"));
            if (chance(30)) {
                strings(scope.putArray(stores ? "terminals" : "stores"), some(List.of("t1", "t2"), 2));
            }
        }
        if (chance(20)) {
            ObjectNode schedule = c.putObject("schedule");
            boolean hours = random.nextBoolean();
            if (!hours || chance(50)) {
                List<String> days = some(DAYS, 3);
                strings(schedule.putArray("days"), days.isEmpty() ? List.of("FRI") : days);
            }
            if (hours) {
                List<String> times = some(List.of("00:00", "07:30", "17:00", "19:00", "23:59"), 2);
                if (times.size() < 2) {
                    times = List.of("17:00", "19:00");
                }
                boolean overMidnight = random.nextBoolean();
                schedule.put("from", times.get(overMidnight ? 1 : 0)).put("until", times.get(overMidnight ? 0 : 1));
            }
        }
        if (chance(20)) {
            ObjectNode limits = c.putObject("limits");
            List<String> caps = some(List.of("perVisit", "perDay", "perMember"), 3);
            for (String cap : caps.isEmpty() ? List.of("perDay") : caps) {
                limits.put(cap, pick(List.of(1L, 20L, Long.MAX_VALUE)));
            }
        }
    }

    private void qualifying(ObjectNode c) {
        ObjectNode q = c.putObject("qualifying");
        boolean categories = random.nextBoolean();
        strings(q.putArray(categories ? "categories" : "codes"), List.of(categories ? "coffee" : "4001"));
        if (chance(40)) {
            strings(q.putArray(categories ? "codes" : "categories"), some(categories ? CODES : CATEGORIES, 2));
        }
    }

    private void sections(ObjectNode b) {
        if (chance(30)) {
            ObjectNode g = b.putObject("safeguards");
            if (chance(70)) {
                g.put("minIntervalSeconds", pick(List.of(1, 300, 86_400)));
            }
            if (chance(70)) {
                g.put("suspiciousVisitsPerDay", pick(List.of(1, 8, 1000)));
            }
        }
        if (chance(30)) {
            b.putObject("pointsExpiry").put("afterDays", pick(List.of(1, 365, 3650)));
        }
        if (chance(30)) {
            tiers(b.putObject("tiers"));
        }
        if (chance(30)) {
            ObjectNode r = b.putObject("referral").put("prefix", "REF-");
            boolean referrer = random.nextBoolean();
            r.put(referrer ? "referrerPoints" : "newMemberPoints", pick(List.of(1, 100, 1_000_000)));
            if (chance(50)) {
                r.put(referrer ? "newMemberPoints" : "referrerPoints", pick(List.of(0, 50, 1_000_000)));
            }
        }
        if (pricedReward && chance(50)) {
            b.putObject("rewardOffer")
                    .put("policy", pick(List.of("cheapest", "next")))
                    .put("takeCode", "TAKE-REWARD");
        }
    }

    private void tiers(ObjectNode t) {
        boolean visits = random.nextBoolean();
        t.put("qualifyBy", visits ? "visits" : "points").put("windowDays", pick(List.of(1, 365, 3650)));
        if (chance(50)) {
            t.put("graceDays", pick(List.of(0, 30, 3650)));
        }
        ArrayNode levels = t.putArray("levels");
        List<Long> thresholds = visits ? List.of(0L, 10L, 400L) : List.of(0L, 1000L, Long.MAX_VALUE);
        List<Long> chosen = some(thresholds, 3);
        List<String> ids = List.of("silver", "gold", "platinum");
        for (int i = 0; i < Math.max(1, chosen.size()); i++) {
            ObjectNode level = levels.addObject()
                    .put("id", ids.get(i))
                    .put("name", ids.get(i).toUpperCase(Locale.ROOT));
            level.put("threshold", chosen.isEmpty() ? 0 : chosen.get(i));
            if (chance(40)) {
                level.put("multiplierPercent", pick(List.of(100, 150, 1000)));
            }
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Up to {@code most} distinct elements of {@code from}, in its order. */
    private <T> List<T> some(List<T> from, int most) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, random);
        List<Integer> chosen = new ArrayList<>(positions.subList(0, random.nextInt(Math.min(most, from.size()) + 1)));
        Collections.sort(chosen);
        return chosen.stream().map(from::get).toList();
    }
}
