package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One validation pass over one parsed campaign file: collects every problem, then either builds
 * the bundle or throws them all. Not reusable; {@link CampaignFileLoader} makes one per file.
 *
 * <p>Every problem reads {@code <source>: <subject> (<path>): <what is wrong>, was <found>}, where
 * the subject names the campaign or product the path is inside, if any.
 */
final class CampaignFileCheck {

    private static final Pattern CAMPAIGN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ELEMENT = Pattern.compile("^(campaigns|products|rewards)\\[(\\d+)]");

    private static final List<String> TOP_FIELDS = List.of(
            "format",
            "version",
            "products",
            "campaigns",
            "rewards",
            "safeguards",
            "pointsExpiry",
            "tiers",
            "referral",
            "rewardOffer");
    /** The first format with scope, schedules, stacking, limits, bonuses, buy X get Y and safeguards. */
    static final int RULES_FORMAT = 3;
    /** Fields that only a format 3 file may use, wherever they appear. */
    private static final Set<String> FORMAT3_FIELDS = Set.of(
            "safeguards",
            "pointsExpiry",
            "tiers",
            "referral",
            "rewardOffer",
            "priceCents",
            "priority",
            "exclusive",
            "scope",
            "schedule",
            "limits",
            "basis",
            "pointsPerItem",
            "categoryMultipliers",
            "excludedCategories",
            "expiresAfterDays");

    private static final List<String> SAFEGUARD_FIELDS = List.of("minIntervalSeconds", "suspiciousVisitsPerDay");
    private static final List<String> EXPIRY_FIELDS = List.of("afterDays");
    private static final List<String> REFERRAL_FIELDS = List.of("prefix", "referrerPoints", "newMemberPoints");
    private static final List<String> OFFER_FIELDS = List.of("policy", "takeCode");
    private static final List<String> TIERS_FIELDS = List.of("qualifyBy", "windowDays", "graceDays", "levels");
    private static final List<String> TIER_FIELDS = List.of("id", "name", "threshold", "multiplierPercent");
    private static final List<String> SCOPE_FIELDS = List.of("stores", "terminals");
    private static final List<String> SCHEDULE_FIELDS = List.of("days", "from", "until");
    private static final List<String> LIMIT_FIELDS = List.of("perVisit", "perDay", "perMember");
    private static final List<String> BONUS_FIELDS = List.of("trigger", "points", "n", "period");
    private static final List<String> BUY_FIELDS = List.of("qualifying", "buy", "voucher");
    private static final List<String> REWARD_FIELDS = List.of(
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
    /** The first format with the reward catalogue and stamp cards that issue vouchers. */
    static final int REWARDS_FORMAT = 2;

    private static final List<String> PRODUCT_FIELDS = List.of("code", "category", "name", "priceCents");
    private static final List<String> COMMON_FIELDS =
            List.of("id", "type", "validFrom", "validUntil", "priority", "exclusive", "scope", "schedule", "limits");
    private static final List<String> STAMP_FIELDS =
            List.of("qualifying", "stampsPerItem", "cardSize", "reward", "voucher", "expiresAfterDays");
    private static final List<String> POINTS_FIELDS = List.of(
            "pointsPerUnit",
            "unitCents",
            "rounding",
            "basis",
            "pointsPerItem",
            "qualifying",
            "categoryMultipliers",
            "excludedCategories");
    private static final List<String> QUALIFIER_FIELDS = List.of("categories", "codes");

    private static final String STAMP_CARD = "stamp-card";
    private static final String POINTS = "points";
    private static final String BONUS = "bonus";
    private static final String BUY_X_GET_Y = "buy-x-get-y";
    private static final List<String> TYPES = List.of(STAMP_CARD, POINTS, BONUS, BUY_X_GET_Y);

    private final String source;
    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();
    /** The file's format, once read; 1 until then. */
    private long format = 1;

    CampaignFileCheck(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    CampaignBundle check(List<StrictJsonReader.DuplicateKey> duplicates) {
        if (!root.isObject()) {
            problem("", "must be a JSON object with \"format\", \"version\" and \"campaigns\", was " + describe(root));
            throw failure();
        }
        Fields top = new Fields((ObjectNode) root, "");
        Optional<Long> format = top.integer("format", Optional.empty(), 1, Long.MAX_VALUE);
        if (format.isPresent() && format.get() > CampaignBundleReader.FORMAT) {
            // A newer format may be valid in ways this terminal cannot judge: say only that.
            throw new CampaignFileException(
                    source,
                    List.of("campaign file " + source + " uses format " + format.get()
                            + "; this terminal understands format " + CampaignBundleReader.FORMAT
                            + "; update the terminal software"));
        }
        this.format = format.orElse(1L);
        for (StrictJsonReader.DuplicateKey d : duplicates) {
            problem(
                    d.path(),
                    "key \"" + d.key() + "\" appears more than once in the same object (again at line " + d.line()
                            + ", column " + d.column() + "); keep only one");
        }
        top.rejectUnknown(TOP_FIELDS);
        Optional<Long> version = top.integer("version", Optional.empty(), 1, Long.MAX_VALUE);
        Map<String, Product> products = products(top);
        List<Reward> rewards = rewards(top, format.orElse(1L), products);
        List<Campaign> campaigns = campaigns(top);
        checkVoucherReferences(rewards);
        Optional<Safeguards> safeguards = top.has("safeguards")
                ? top.object("safeguards").flatMap(this::safeguards)
                : Optional.of(Safeguards.NONE);
        Optional<Optional<PointsExpiry>> expiry = top.has("pointsExpiry")
                ? top.object("pointsExpiry").flatMap(this::pointsExpiry).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Tiers> tiers = top.has("tiers") ? top.object("tiers").flatMap(this::tiers) : Optional.of(Tiers.NONE);
        Optional<Optional<Referral>> referral = top.has("referral")
                ? top.object("referral").flatMap(this::referral).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Optional<RewardOffer>> offer = top.has("rewardOffer")
                ? top.object("rewardOffer")
                        .flatMap(o -> rewardOffer(o, products, rewards))
                        .map(Optional::of)
                : Optional.of(Optional.empty());
        if (!problems.isEmpty()) {
            throw failure();
        }
        try {
            return new CampaignBundle(
                    format.orElseThrow().intValue(),
                    version.orElseThrow(),
                    products,
                    campaigns,
                    rewards,
                    safeguards.orElseThrow(),
                    new MemberProgramme(
                            expiry.orElseThrow(), tiers.orElseThrow(), referral.orElseThrow(), offer.orElseThrow()));
        } catch (IllegalArgumentException e) {
            problem("", e.getMessage());
            throw failure();
        }
    }

    /** "campaign 'x'" or "product 'y'" for a path inside one, else empty. */
    String subject(String path) {
        Matcher m = ELEMENT.matcher(path);
        if (!m.find()) {
            return "";
        }
        String kind = switch (m.group(1)) {
            case "campaigns" -> "campaign";
            case "rewards" -> "reward";
            default -> "product";
        };
        JsonNode element = root.path(m.group(1)).path(Integer.parseInt(m.group(2)));
        if (element.isMissingNode()) {
            return ""; // a syntax error before the element was read
        }
        JsonNode name = element.path(kind.equals("product") ? "code" : "id");
        if (name.isTextual() && !name.asText().isEmpty()) {
            return kind + " '" + name.asText() + "'";
        }
        return kind + (kind.equals("product") ? " without a valid code" : " without a valid id");
    }

    private Map<String, Product> products(Fields top) {
        Map<String, Product> products = new LinkedHashMap<>();
        Map<String, String> firstPath = new HashMap<>();
        top.optionalArray("products").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = "products[" + i + "]";
                Optional<Fields> product = object(array.get(i), path);
                if (product.isEmpty()) {
                    continue;
                }
                Fields p = product.get();
                p.rejectUnknown(PRODUCT_FIELDS);
                Optional<String> code = p.text("code");
                Optional<String> category = p.text("category");
                Optional<String> name = p.text("name");
                Optional<Long> price = p.has("priceCents")
                        ? p.integer("priceCents", Optional.empty(), 0, Reward.MAX_VALUE_CENTS)
                        : Optional.of(-1L);
                if (code.isPresent() && firstPath.containsKey(code.get())) {
                    problem(
                            p.at("code"),
                            "code \"" + code.get() + "\" is already used by " + firstPath.get(code.get())
                                    + "; each product code may appear once");
                    continue;
                }
                code.ifPresent(c -> firstPath.put(c, path));
                if (code.isPresent() && category.isPresent() && name.isPresent() && price.isPresent()) {
                    products.put(
                            code.get(),
                            new Product(
                                    code.get(),
                                    category.get(),
                                    name.get(),
                                    price.get() < 0 ? OptionalLong.empty() : OptionalLong.of(price.get())));
                }
            }
        });
        return products;
    }

    private List<Reward> rewards(Fields top, long format, Map<String, Product> products) {
        List<Reward> rewards = new ArrayList<>();
        if (top.has("rewards") && format < REWARDS_FORMAT) {
            top.problem(
                    "rewards",
                    "needs format " + REWARDS_FORMAT + " or later, the file says format " + format
                            + "; set \"format\": " + REWARDS_FORMAT);
            return rewards;
        }
        Map<String, String> idPath = new HashMap<>();
        Map<Long, String> slotPath = new HashMap<>();
        Map<String, String> codePath = new HashMap<>();
        top.optionalArray("rewards").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = "rewards[" + i + "]";
                Optional<Fields> element = object(array.get(i), path);
                if (element.isEmpty()) {
                    continue;
                }
                Fields r = element.get();
                r.rejectUnknown(REWARD_FIELDS);
                Optional<String> id = r.text("id").filter(value -> {
                    if (!CAMPAIGN_ID.matcher(value).matches()) {
                        r.problem(
                                "id",
                                "must be 1 to 64 lower-case letters, digits or '-', starting with a letter or digit"
                                        + ", was " + quote(value));
                        return false;
                    }
                    return unique(r, "id", value, idPath, "reward ids must be unique");
                });
                Optional<Long> slot = r.integer("slot", Optional.empty(), 0, Reward.MAX_SLOT)
                        .filter(value -> unique(r, "slot", value, slotPath, "a voucher code names its reward by slot"));
                Optional<String> text = r.text("text");
                Optional<Long> value = r.integer("valueCents", Optional.empty(), 0, Reward.MAX_VALUE_CENTS);
                Optional<Long> validDays = r.integer("validDays", Optional.empty(), 1, Reward.MAX_VALID_DAYS);
                Optional<Optional<Long>> pointsCost = r.has("pointsCost")
                        ? r.integer("pointsCost", Optional.empty(), 1, Long.MAX_VALUE)
                                .map(Optional::of)
                        : Optional.of(Optional.empty());
                Optional<Optional<String>> controlCode = optional(r, "controlCode")
                        .filter(code -> code.isEmpty() || controlCodeFree(r, code.get(), products, codePath));
                if (controlCode.isPresent()
                        && controlCode.get().isPresent()
                        && pointsCost.isPresent()
                        && pointsCost.get().isEmpty()) {
                    r.problem("controlCode", "buys the reward with points, so the reward needs a \"pointsCost\"");
                    controlCode = Optional.empty();
                }
                Optional<RewardScope> scope = r.optionalText("scope")
                        .map(text2 -> switch (text2) {
                            case "chain" -> Optional.of(RewardScope.CHAIN);
                            case "store" -> Optional.of(RewardScope.STORE);
                            default -> {
                                r.problem("scope", "must be \"chain\" or \"store\", was " + quote(text2));
                                yield Optional.<RewardScope>empty();
                            }
                        })
                        .orElse(r.has("scope") ? Optional.empty() : Optional.of(RewardScope.CHAIN));
                Optional<Optional<String>> terms = optional(r, "terms");
                Optional<Boolean> spendsAll = r.bool("spendsAllPoints", false);
                if (r.has("spendsAllPoints") && format < RULES_FORMAT) {
                    r.problem(
                            "spendsAllPoints",
                            "needs format " + RULES_FORMAT + ", the file says format " + format + "; set \"format\": "
                                    + RULES_FORMAT);
                    spendsAll = Optional.empty();
                }
                if (id.isPresent()
                        && slot.isPresent()
                        && text.isPresent()
                        && value.isPresent()
                        && validDays.isPresent()
                        && pointsCost.isPresent()
                        && controlCode.isPresent()
                        && scope.isPresent()
                        && terms.isPresent()
                        && spendsAll.isPresent()) {
                    Optional<String> code = controlCode.get();
                    try {
                        rewards.add(new Reward(
                                id.get(),
                                slot.get().intValue(),
                                text.get(),
                                value.get(),
                                validDays.get().intValue(),
                                pointsCost.get(),
                                code,
                                scope.get(),
                                terms.get(),
                                spendsAll.get()));
                    } catch (IllegalArgumentException e) {
                        problem(path, e.getMessage());
                    }
                }
            }
        });
        return rewards;
    }

    /** Present and non-empty: of(of(text)); absent: of(empty()); a recorded problem: empty(). */
    private static Optional<Optional<String>> optional(Fields f, String name) {
        if (!f.has(name)) {
            return Optional.of(Optional.empty());
        }
        return f.optionalText(name).map(Optional::of);
    }

    private static <K> boolean unique(Fields f, String name, K value, Map<K, String> firstPath, String why) {
        String first = firstPath.putIfAbsent(value, f.path);
        if (first != null) {
            f.problem(name, "is already used by " + first + "; " + why);
            return false;
        }
        return true;
    }

    private boolean controlCodeFree(
            Fields r, String code, Map<String, Product> products, Map<String, String> codePath) {
        if (products.containsKey(code)) {
            r.problem("controlCode", quote(code) + " is also a product code; a control code must not be a product");
            return false;
        }
        return unique(r, "controlCode", code, codePath, "each control code buys one reward");
    }

    private void checkVoucherReferences(List<Reward> rewards) {
        JsonNode array = root.path("campaigns");
        if (!array.isArray()) {
            return; // campaigns() has said what is wrong with it
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode voucher = array.get(i).path("voucher");
            if (voucher.isMissingNode()) {
                continue;
            }
            String path = "campaigns[" + i + "].voucher";
            if (format < REWARDS_FORMAT) {
                problem(
                        path,
                        "needs format " + REWARDS_FORMAT
                                + " or later (with a \"rewards\" catalogue), the file says format " + format);
            } else if (voucher.isTextual() && rewards.stream().noneMatch(r -> r.id().equals(voucher.asText()))) {
                problem(
                        path,
                        "names reward " + quote(voucher.asText())
                                + ", which is not in \"rewards\"; add it there or fix the id");
            }
        }
    }

    private List<Campaign> campaigns(Fields top) {
        List<Campaign> campaigns = new ArrayList<>();
        Map<String, String> firstPath = new HashMap<>();
        top.array("campaigns").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = "campaigns[" + i + "]";
                object(array.get(i), path).flatMap(c -> campaign(c, firstPath)).ifPresent(campaigns::add);
            }
        });
        return campaigns;
    }

    private Optional<Campaign> campaign(Fields c, Map<String, String> firstPath) {
        Optional<String> id = campaignId(c, firstPath);
        Optional<String> type = c.text("type").filter(value -> {
            boolean known = TYPES.contains(value);
            if (!known && format < RULES_FORMAT) {
                c.problem("type", "must be \"" + STAMP_CARD + "\" or \"" + POINTS + "\", was " + quote(value));
            } else if (!known) {
                c.problem("type", "must be one of \"" + String.join("\", \"", TYPES) + "\", was " + quote(value));
            } else if (format < RULES_FORMAT && (value.equals(BONUS) || value.equals(BUY_X_GET_Y))) {
                c.problem(
                        "type",
                        quote(value) + " needs format " + RULES_FORMAT + " or later, the file says format " + format
                                + "; set \"format\": " + RULES_FORMAT);
                return false;
            }
            return known;
        });
        List<String> known = new ArrayList<>(COMMON_FIELDS);
        for (String t : TYPES) {
            if (type.isEmpty() || type.get().equals(t)) {
                for (String f : switch (t) {
                    case STAMP_CARD -> STAMP_FIELDS;
                    case POINTS -> POINTS_FIELDS;
                    case BONUS -> BONUS_FIELDS;
                    default -> BUY_FIELDS;
                }) {
                    if (!known.contains(f)) {
                        known.add(f);
                    }
                }
            }
        }
        c.rejectUnknown(known);
        Optional<ValidityWindow> validity = validity(c);
        Optional<CampaignTerms> terms = terms(c);
        if (type.isEmpty() || terms.isEmpty()) {
            return Optional.empty();
        }
        return switch (type.get()) {
            case STAMP_CARD -> stampCard(c, id, validity, terms.get());
            case BONUS -> bonus(c, id, validity, terms.get());
            case BUY_X_GET_Y -> buyXGetY(c, id, validity, terms.get());
            default -> points(c, id, validity, terms.get());
        };
    }

    private Optional<String> campaignId(Fields c, Map<String, String> firstPath) {
        Optional<String> id = c.text("id");
        if (id.isEmpty()) {
            return id;
        }
        if (!CAMPAIGN_ID.matcher(id.get()).matches()) {
            c.problem(
                    "id",
                    "must be 1 to 64 lower-case letters, digits or '-', starting with a letter or digit" + " ("
                            + CAMPAIGN_ID.pattern() + "), was " + quote(id.get()));
            return Optional.empty();
        }
        String first = firstPath.putIfAbsent(id.get(), c.path);
        if (first != null) {
            c.problem("id", "is already used by " + first + "; campaign ids must be unique");
            return Optional.empty();
        }
        return id;
    }

    private Optional<Campaign> stampCard(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Qualifier> qualifier = c.object("qualifying").flatMap(this::qualifier);
        Optional<Long> stampsPerItem = c.integer("stampsPerItem", Optional.of(1L), 1, Integer.MAX_VALUE);
        Optional<Long> cardSize = c.integer("cardSize", Optional.empty(), 1, StampCardCampaign.MAX_CARD_SIZE);
        Optional<String> reward = c.text("reward");
        Optional<Optional<String>> voucher = optional(c, "voucher");
        Optional<Optional<Long>> expires = c.optionalInteger("expiresAfterDays", 1, 3650);
        if (id.isEmpty()
                || validity.isEmpty()
                || qualifier.isEmpty()
                || stampsPerItem.isEmpty()
                || cardSize.isEmpty()
                || reward.isEmpty()
                || voucher.isEmpty()
                || expires.isEmpty()) {
            return Optional.empty();
        }
        return build(
                c,
                () -> new StampCardCampaign(
                        id.get(),
                        validity.get(),
                        qualifier.get(),
                        stampsPerItem.get().intValue(),
                        cardSize.get().intValue(),
                        reward.get(),
                        voucher.get(),
                        terms,
                        expires.get()
                                .map(d -> java.util.OptionalInt.of(d.intValue()))
                                .orElse(java.util.OptionalInt.empty())));
    }

    private Optional<Campaign> points(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Long> pointsPerItem = c.integer("pointsPerItem", Optional.of(0L), 1, Integer.MAX_VALUE);
        // A per-item campaign may leave out pointsPerUnit (it then earns nothing on the amount).
        Optional<Long> pointsPerUnit = c.integer(
                "pointsPerUnit", c.has("pointsPerItem") ? Optional.of(0L) : Optional.empty(), 1, Long.MAX_VALUE);
        Optional<PointsBasis> basis = c.optionalText("basis")
                .map(value -> switch (value) {
                    case "receipt" -> Optional.of(PointsBasis.RECEIPT);
                    case "items" -> Optional.of(PointsBasis.ITEMS);
                    default -> {
                        c.problem("basis", "must be \"receipt\" or \"items\", was " + quote(value));
                        yield Optional.<PointsBasis>empty();
                    }
                })
                .orElse(c.has("basis") ? Optional.empty() : Optional.of(PointsBasis.RECEIPT));
        Optional<Qualifier> qualifying =
                c.has("qualifying") ? c.object("qualifying").flatMap(this::qualifier) : Optional.of(Qualifier.ANY);
        Optional<Map<String, Integer>> multipliers = c.has("categoryMultipliers")
                ? c.object("categoryMultipliers").flatMap(m -> m.integers(0, PointsCampaign.MAX_MULTIPLIER))
                : Optional.of(Map.of());
        Optional<Set<String>> excluded = c.optionalStrings("excludedCategories");
        Optional<Long> unitCents = c.integer("unitCents", Optional.of(100L), 1, Long.MAX_VALUE);
        Optional<Rounding> rounding = c.optionalText("rounding")
                .map(value -> switch (value) {
                    case "down" -> Optional.of(Rounding.DOWN);
                    case "half-up" -> Optional.of(Rounding.HALF_UP);
                    default -> {
                        c.problem("rounding", "must be \"down\" or \"half-up\", was " + quote(value));
                        yield Optional.<Rounding>empty();
                    }
                })
                .orElse(c.has("rounding") ? Optional.empty() : Optional.of(Rounding.DOWN));
        if (id.isEmpty()
                || validity.isEmpty()
                || pointsPerUnit.isEmpty()
                || unitCents.isEmpty()
                || rounding.isEmpty()
                || pointsPerItem.isEmpty()
                || basis.isEmpty()
                || qualifying.isEmpty()
                || multipliers.isEmpty()
                || excluded.isEmpty()) {
            return Optional.empty();
        }
        if (c.has("qualifying") && format < RULES_FORMAT) {
            c.problem(
                    "qualifying",
                    "on a points campaign needs format " + RULES_FORMAT + " or later, the file says format " + format
                            + "; set \"format\": " + RULES_FORMAT);
            return Optional.empty();
        }
        if (c.has("qualifying") && !c.has("pointsPerItem") && basis.get() == PointsBasis.RECEIPT) {
            c.problem(
                    "qualifying",
                    "counts only per item or on the items basis; add \"pointsPerItem\" or"
                            + " \"basis\": \"items\", or remove it");
            return Optional.empty();
        }
        return build(
                c,
                () -> new PointsCampaign(
                        id.get(),
                        validity.get(),
                        pointsPerUnit.get(),
                        unitCents.get(),
                        rounding.get(),
                        basis.get(),
                        pointsPerItem.get(),
                        qualifying.get(),
                        multipliers.get(),
                        excluded.get(),
                        terms));
    }

    private Optional<Campaign> bonus(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Long> points = c.integer("points", Optional.empty(), 1, Integer.MAX_VALUE);
        Optional<BonusTrigger> trigger = c.text("trigger").flatMap(value -> switch (value) {
            case "welcome" -> Optional.of(new BonusTrigger.Welcome());
            case "birthday" -> Optional.of(new BonusTrigger.Birthday());
            case "nth-visit" -> {
                Optional<Long> n = c.integer("n", Optional.empty(), 2, 1000);
                Optional<BonusTrigger.Period> period = c.text("period").flatMap(p -> switch (p) {
                    case "day" -> Optional.of(BonusTrigger.Period.DAY);
                    case "week" -> Optional.of(BonusTrigger.Period.WEEK);
                    case "month" -> Optional.of(BonusTrigger.Period.MONTH);
                    default -> {
                        c.problem("period", "must be \"day\", \"week\" or \"month\", was " + quote(p));
                        yield Optional.empty();
                    }
                });
                yield n.isPresent() && period.isPresent()
                        ? Optional.of(new BonusTrigger.NthVisit(n.get().intValue(), period.get()))
                        : Optional.empty();
            }
            default -> {
                c.problem("trigger", "must be \"welcome\", \"birthday\" or \"nth-visit\", was " + quote(value));
                yield Optional.empty();
            }
        });
        if (trigger.isPresent() && !(trigger.get() instanceof BonusTrigger.NthVisit)) {
            for (String f : List.of("n", "period")) {
                if (c.has(f)) {
                    c.problem(f, "belongs to the \"nth-visit\" trigger only; remove it");
                    return Optional.empty();
                }
            }
        }
        if (id.isEmpty() || validity.isEmpty() || points.isEmpty() || trigger.isEmpty()) {
            return Optional.empty();
        }
        return build(c, () -> new BonusCampaign(id.get(), validity.get(), trigger.get(), points.get(), terms));
    }

    private Optional<Campaign> buyXGetY(
            Fields c, Optional<String> id, Optional<ValidityWindow> validity, CampaignTerms terms) {
        Optional<Qualifier> qualifier = c.object("qualifying").flatMap(this::qualifier);
        Optional<Long> buy = c.integer("buy", Optional.empty(), 1, 1000);
        Optional<String> voucher = c.text("voucher");
        if (id.isEmpty() || validity.isEmpty() || qualifier.isEmpty() || buy.isEmpty() || voucher.isEmpty()) {
            return Optional.empty();
        }
        return build(
                c,
                () -> new BuyXGetYCampaign(
                        id.get(), validity.get(), qualifier.get(), buy.get().intValue(), voucher.get(), terms));
    }

    /** Format 3's common fields; the defaults for what is absent. Empty after a recorded problem. */
    private Optional<CampaignTerms> terms(Fields c) {
        Optional<Long> priority = c.integer("priority", Optional.of(0L), -1000, 1000);
        Optional<Boolean> exclusive = c.bool("exclusive", false);
        Optional<Scope> scope = c.has("scope") ? c.object("scope").flatMap(this::scope) : Optional.of(Scope.CHAIN);
        Optional<Schedule> schedule =
                c.has("schedule") ? c.object("schedule").flatMap(this::schedule) : Optional.of(Schedule.ALWAYS);
        Optional<Limits> limits = c.has("limits") ? c.object("limits").flatMap(this::limits) : Optional.of(Limits.NONE);
        if (priority.isEmpty() || exclusive.isEmpty() || scope.isEmpty() || schedule.isEmpty() || limits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CampaignTerms(
                priority.get().intValue(), exclusive.get(), scope.get(), schedule.get(), limits.get()));
    }

    private Optional<Scope> scope(Fields s) {
        s.rejectUnknown(SCOPE_FIELDS);
        Optional<Set<String>> stores = s.optionalStrings("stores");
        Optional<Set<String>> terminals = s.optionalStrings("terminals");
        if (stores.isEmpty() || terminals.isEmpty()) {
            return Optional.empty();
        }
        if (stores.get().isEmpty() && terminals.get().isEmpty()) {
            problem(
                    s.path,
                    "needs \"stores\" or \"terminals\" with at least one entry; leave \"scope\" out for a"
                            + " chain-wide campaign");
            return Optional.empty();
        }
        return Optional.of(new Scope(stores.get(), terminals.get()));
    }

    private Optional<Schedule> schedule(Fields s) {
        s.rejectUnknown(SCHEDULE_FIELDS);
        Optional<Set<String>> dayNames = s.optionalStrings("days");
        Set<DayOfWeek> days = new java.util.HashSet<>();
        boolean ok = dayNames.isPresent();
        int i = 0;
        for (String day : dayNames.orElse(Set.of())) {
            Optional<DayOfWeek> parsed = java.util.Arrays.stream(DayOfWeek.values())
                    .filter(d -> d.name().substring(0, 3).equals(day))
                    .findFirst();
            if (parsed.isEmpty()) {
                s.problem("days[" + i + "]", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN, was " + quote(day));
                ok = false;
            } else {
                days.add(parsed.get());
            }
            i++;
        }
        Optional<Optional<LocalTime>> from = s.time("from");
        Optional<Optional<LocalTime>> until = s.time("until");
        if (!ok || from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().isPresent() != until.get().isPresent()) {
            s.problem(
                    from.get().isPresent() ? "until" : "from",
                    "is required when \"" + (from.get().isPresent() ? "from" : "until") + "\" is given, was missing");
            return Optional.empty();
        }
        if (from.get().isPresent() && from.get().get().equals(until.get().get())) {
            s.problem(
                    "until",
                    "must differ from \"from\", was the same " + until.get().get()
                            + "; leave out both for the whole day");
            return Optional.empty();
        }
        if (days.isEmpty() && from.get().isEmpty()) {
            problem(s.path, "needs \"days\" or \"from\" and \"until\"; leave \"schedule\" out for any time");
            return Optional.empty();
        }
        return Optional.of(new Schedule(days, from.get(), until.get()));
    }

    private Optional<Limits> limits(Fields l) {
        l.rejectUnknown(LIMIT_FIELDS);
        Optional<Optional<Long>> visit = l.optionalInteger("perVisit", 1, Long.MAX_VALUE);
        Optional<Optional<Long>> day = l.optionalInteger("perDay", 1, Long.MAX_VALUE);
        Optional<Optional<Long>> member = l.optionalInteger("perMember", 1, Long.MAX_VALUE);
        if (visit.isEmpty() || day.isEmpty() || member.isEmpty()) {
            return Optional.empty();
        }
        if (visit.get().isEmpty() && day.get().isEmpty() && member.get().isEmpty()) {
            problem(l.path, "needs at least one of perVisit, perDay, perMember; leave \"limits\" out for no limit");
            return Optional.empty();
        }
        return Optional.of(new Limits(optionalLong(visit.get()), optionalLong(day.get()), optionalLong(member.get())));
    }

    private Optional<Safeguards> safeguards(Fields g) {
        g.rejectUnknown(SAFEGUARD_FIELDS);
        Optional<Optional<Long>> interval = g.optionalInteger("minIntervalSeconds", 1, 86_400);
        Optional<Optional<Long>> visits = g.optionalInteger("suspiciousVisitsPerDay", 1, 1000);
        if (interval.isEmpty() || visits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Safeguards(
                interval.get().map(Duration::ofSeconds),
                visits.get().map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty())));
    }

    private Optional<PointsExpiry> pointsExpiry(Fields e) {
        e.rejectUnknown(EXPIRY_FIELDS);
        return e.integer("afterDays", Optional.empty(), 1, PointsExpiry.MAX_DAYS)
                .map(d -> new PointsExpiry(d.intValue()));
    }

    private Optional<RewardOffer> rewardOffer(Fields o, Map<String, Product> products, List<Reward> rewards) {
        o.rejectUnknown(OFFER_FIELDS);
        Optional<RewardOffer.Policy> policy = o.text("policy").flatMap(text -> switch (text) {
            case "cheapest" -> Optional.of(RewardOffer.Policy.CHEAPEST);
            case "next" -> Optional.of(RewardOffer.Policy.NEXT);
            default -> {
                o.problem("policy", "must be \"cheapest\" or \"next\", was " + quote(text));
                yield Optional.empty();
            }
        });
        Optional<String> takeCode = o.text("takeCode").filter(code -> {
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
        });
        if (rewards.stream().noneMatch(r -> r.pointsCost().isPresent())) {
            problem(
                    o.path,
                    "offers a reward bought with points, but no reward in \"rewards\" has a \"pointsCost\";"
                            + " give one a cost or remove \"rewardOffer\"");
            return Optional.empty();
        }
        if (policy.isEmpty() || takeCode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RewardOffer(policy.get(), takeCode.get()));
    }

    private Optional<Referral> referral(Fields r) {
        r.rejectUnknown(REFERRAL_FIELDS);
        Optional<String> prefix = r.text("prefix");
        Optional<Long> referrer = r.integer("referrerPoints", Optional.of(0L), 0, 1_000_000);
        Optional<Long> member = r.integer("newMemberPoints", Optional.of(0L), 0, 1_000_000);
        if (prefix.isEmpty() || referrer.isEmpty() || member.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Referral(prefix.get(), referrer.get(), member.get()));
        } catch (IllegalArgumentException e) {
            problem(r.path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Tiers> tiers(Fields t) {
        t.rejectUnknown(TIERS_FIELDS);
        Optional<Tiers.Basis> basis = t.text("qualifyBy").flatMap(text -> switch (text) {
            case "points" -> Optional.of(Tiers.Basis.POINTS_EARNED);
            case "visits" -> Optional.of(Tiers.Basis.VISITS);
            default -> {
                t.problem("qualifyBy", "must be \"points\" or \"visits\", was " + quote(text));
                yield Optional.empty();
            }
        });
        Optional<Long> window = t.integer("windowDays", Optional.empty(), 1, 3650);
        Optional<Long> grace = t.integer("graceDays", Optional.of(0L), 0, 3650);
        List<Tier> levels = new ArrayList<>();
        boolean levelsOk = true;
        Optional<JsonNode> array = t.array("levels");
        if (array.isPresent() && array.get().isEmpty()) {
            t.problem("levels", "must list at least one tier, lowest first; leave \"tiers\" out for no tiers");
            levelsOk = false;
        }
        Map<String, String> idPath = new HashMap<>();
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            Optional<Fields> element = object(array.get().get(i), t.at("levels") + "[" + i + "]");
            if (element.isEmpty()) {
                levelsOk = false;
                continue;
            }
            Fields l = element.get();
            l.rejectUnknown(TIER_FIELDS);
            Optional<String> id = l.text("id").filter(value -> {
                if (!CAMPAIGN_ID.matcher(value).matches()) {
                    l.problem(
                            "id",
                            "must be 1 to 64 lower-case letters, digits or '-', starting with a letter or digit"
                                    + ", was " + quote(value));
                    return false;
                }
                return unique(l, "id", value, idPath, "tier ids must be unique");
            });
            Optional<String> name = l.text("name");
            Optional<Long> threshold = l.integer("threshold", Optional.empty(), 0, Long.MAX_VALUE);
            Optional<Long> percent = l.integer("multiplierPercent", Optional.of(100L), 100, 1000);
            if (id.isEmpty() || name.isEmpty() || threshold.isEmpty() || percent.isEmpty()) {
                levelsOk = false;
                continue;
            }
            levels.add(new Tier(
                    id.get(), name.get(), threshold.get(), percent.get().intValue()));
        }
        if (basis.isEmpty() || window.isEmpty() || grace.isEmpty() || array.isEmpty() || !levelsOk) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Tiers(basis.get(), window.get().intValue(), grace.get().intValue(), levels));
        } catch (IllegalArgumentException e) {
            t.problem("levels", e.getMessage());
            return Optional.empty();
        }
    }

    private static OptionalLong optionalLong(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /* The records validate too; a rule they enforce that this check missed still becomes a
    problem with a path rather than an unexplained IllegalArgumentException. */
    private Optional<Campaign> build(Fields c, Supplier<Campaign> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            problem(c.path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Qualifier> qualifier(Fields q) {
        q.rejectUnknown(QUALIFIER_FIELDS);
        Optional<Set<String>> categories = q.optionalStrings("categories");
        Optional<Set<String>> codes = q.optionalStrings("codes");
        if (categories.isEmpty() || codes.isEmpty()) {
            return Optional.empty();
        }
        if (categories.get().isEmpty() && codes.get().isEmpty()) {
            problem(
                    q.path,
                    "needs at least one entry in \"categories\" or \"codes\", was "
                            + (q.node.isEmpty() ? "an empty object" : "empty lists")
                            + "; a campaign nothing qualifies for"
                            + " never awards a stamp");
            return Optional.empty();
        }
        return Optional.of(new Qualifier(codes.get(), categories.get()));
    }

    private Optional<ValidityWindow> validity(Fields c) {
        Optional<Optional<Instant>> from = c.dateTime("validFrom");
        Optional<Optional<Instant>> until = c.dateTime("validUntil");
        if (from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().isPresent()
                && until.get().isPresent()
                && !from.get().get().isBefore(until.get().get())) {
            c.problem(
                    "validUntil",
                    "must be later than validFrom (" + c.node.get("validFrom").asText() + "), was "
                            + c.node.get("validUntil").asText() + "; the window is from inclusive, until exclusive");
            return Optional.empty();
        }
        return Optional.of(new ValidityWindow(from.get(), until.get()));
    }

    private Optional<Fields> object(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            return Optional.of(new Fields(object, path));
        }
        problem(path, "must be a JSON object, was " + describe(node));
        return Optional.empty();
    }

    private void problem(String path, String text) {
        problems.add(line(source, subject(path), path, text));
    }

    /**
     * {@code <source>[: <subject>][ (<where>)]: <text>}, the one shape of every problem. Control
     * characters from the file (in keys, ids, values) are escaped: raw, an ESC would drive the
     * operator's terminal and a NUL or newline would forge or cut journal lines.
     */
    static String line(String source, String subject, String where, String text) {
        return escapeControls(source + (subject.isEmpty() ? "" : ": " + subject)
                + (where.isEmpty() ? "" : " (" + where + ")") + ": " + text);
    }

    /** C0, DEL, C1 and the bidirectional overrides as a backslash, 'u' and four hex digits; everything else as it is. */
    static String escapeControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (control) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private CampaignFileException failure() {
        return new CampaignFileException(source, problems);
    }

    /** The fields of one JSON object, read with problems recorded against their paths. */
    private final class Fields {
        final ObjectNode node;
        final String path;

        Fields(ObjectNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String at(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        boolean has(String name) {
            return node.has(name);
        }

        void problem(String name, String text) {
            CampaignFileCheck.this.problem(at(name), text);
        }

        void rejectUnknown(List<String> known) {
            for (String name : node.properties().stream().map(Map.Entry::getKey).toList()) {
                boolean newer = format < RULES_FORMAT && FORMAT3_FIELDS.contains(name) && !path.startsWith("rewards");
                if (known.contains(name) && newer) {
                    problem(
                            name,
                            "needs format " + RULES_FORMAT + " or later, the file says format " + format
                                    + "; set \"format\": " + RULES_FORMAT);
                } else if (!known.contains(name)) {
                    String hint = known.stream()
                            .filter(k -> similar(k, name))
                            .findFirst()
                            .map(k -> "did you mean \"" + k + "\"? ")
                            .orElse("");
                    List<String> allowed = known.stream()
                            .filter(k ->
                                    format >= RULES_FORMAT || path.startsWith("rewards") || !FORMAT3_FIELDS.contains(k))
                            .toList();
                    problem(
                            name,
                            "unknown field; " + hint + "the fields allowed here are " + String.join(", ", allowed));
                }
            }
        }

        /** Present and within range; or absent with a default. Empty after a recorded problem. */
        Optional<Long> integer(String name, Optional<Long> absent, long min, long max) {
            JsonNode value = node.get(name);
            if (value == null) {
                if (absent.isEmpty()) {
                    problem(name, "is required, was missing");
                }
                return absent;
            }
            if (!value.isIntegralNumber()) {
                problem(name, "must be a whole number, was " + describe(value));
                return Optional.empty();
            }
            BigInteger number = value.bigIntegerValue();
            if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
                String range = max != Long.MAX_VALUE
                        ? "must be between " + min + " and " + max
                        : number.signum() > 0 && number.bitLength() > 63
                                ? "must be at most " + Long.MAX_VALUE
                                : "must be at least " + min;
                problem(name, range + ", was " + number);
                return Optional.empty();
            }
            return Optional.of(number.longValue());
        }

        /** Present: of(of(value)) within range; absent: of(empty()); a recorded problem: empty(). */
        Optional<Optional<Long>> optionalInteger(String name, long min, long max) {
            if (!has(name)) {
                return Optional.of(Optional.empty());
            }
            return integer(name, Optional.empty(), min, max).map(Optional::of);
        }

        Optional<Boolean> bool(String name, boolean absent) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.of(absent);
            }
            if (!value.isBoolean()) {
                problem(name, "must be true or false, was " + describe(value));
                return Optional.empty();
            }
            return Optional.of(value.booleanValue());
        }

        /** Every field of this object as a whole number in range, e.g. category multipliers. */
        Optional<Map<String, Integer>> integers(long min, long max) {
            Map<String, Integer> values = new LinkedHashMap<>();
            boolean ok = true;
            for (String name : node.properties().stream().map(Map.Entry::getKey).toList()) {
                Optional<Long> value = integer(name, Optional.empty(), min, max);
                if (value.isPresent()) {
                    values.put(name, value.get().intValue());
                } else {
                    ok = false;
                }
            }
            return ok ? Optional.of(values) : Optional.empty();
        }

        /** A local time "HH:MM" if present. */
        Optional<Optional<LocalTime>> time(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.of(Optional.empty());
            }
            if (value.isTextual() && value.asText().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                return Optional.of(Optional.of(LocalTime.parse(value.asText())));
            }
            problem(
                    name,
                    "must be a time of day \"HH:MM\" from \"00:00\" to \"23:59\" in the store's time zone, was "
                            + describe(value));
            return Optional.empty();
        }

        /** A required non-empty string. */
        Optional<String> text(String name) {
            if (!node.has(name)) {
                problem(name, "is required, was missing");
                return Optional.empty();
            }
            return optionalText(name);
        }

        /** A non-empty string if present; empty when absent or after a recorded problem. */
        Optional<String> optionalText(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                problem(name, "must be a string, was " + describe(value));
                return Optional.empty();
            }
            if (value.asText().isBlank()) {
                problem(name, "must not be empty, was " + describe(value));
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        Optional<Fields> object(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                problem(name, "is required, was missing");
                return Optional.empty();
            }
            return CampaignFileCheck.this.object(value, at(name));
        }

        Optional<JsonNode> array(String name) {
            if (!node.has(name)) {
                problem(name, "is required, was missing");
                return Optional.empty();
            }
            return optionalArray(name);
        }

        Optional<JsonNode> optionalArray(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isArray()) {
                problem(name, "must be a JSON array, was " + describe(value));
                return Optional.empty();
            }
            return Optional.of(value);
        }

        /** An array of non-empty strings; an empty set when absent; empty after a problem. */
        Optional<Set<String>> optionalStrings(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.of(Set.of());
            }
            if (!value.isArray()) {
                problem(name, "must be a JSON array of strings, was " + describe(value));
                return Optional.empty();
            }
            Set<String> strings = new LinkedHashSet<>();
            boolean ok = true;
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isTextual() || element.asText().isBlank()) {
                    problem(name + "[" + i + "]", "must be a non-empty string, was " + describe(element));
                    ok = false;
                } else {
                    strings.add(element.asText());
                }
            }
            return ok ? Optional.of(strings) : Optional.empty();
        }

        /**
         * An ISO-8601 date-time with offset if present: {@code Optional.of(Optional.empty())} when
         * absent (an open bound), {@code Optional.empty()} after a recorded problem.
         */
        Optional<Optional<Instant>> dateTime(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return Optional.of(Optional.empty());
            }
            if (!value.isTextual()) {
                problem(
                        name,
                        "must be a date-time string such as \"2026-01-01T00:00:00+01:00\", was " + describe(value));
                return Optional.empty();
            }
            String text = value.asText();
            try {
                return Optional.of(Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()));
            } catch (DateTimeParseException notWithOffset) {
                problem(name, dateTimeProblem(text));
                return Optional.empty();
            }
        }
    }

    private static String dateTimeProblem(String text) {
        if (parses(() -> LocalDateTime.parse(text)) || parses(() -> LocalDate.parse(text))) {
            return "needs a UTC offset, e.g. \"" + (text.contains("T") ? text : text + "T00:00:00") + "+01:00\" or \""
                    + (text.contains("T") ? text : text + "T00:00:00") + "Z\", was " + quote(text)
                    + "; a local time is ambiguous on a till whose clock zone may be wrong";
        }
        return "must be an ISO-8601 date-time with offset such as \"2026-01-01T00:00:00+01:00\", was " + quote(text);
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string " + quote(node.asText());
            case NUMBER ->
                node.isIntegralNumber()
                        ? node.bigIntegerValue().toString()
                        : node.decimalValue().toString();
            case BOOLEAN -> String.valueOf(node.booleanValue());
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case BINARY, MISSING, POJO -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Equal ignoring case or a couple of edits apart (fewer for short names): likely a typo. */
    private static boolean similar(String known, String found) {
        int allowed = Math.min(2, known.length() / 3);
        return EditDistance.between(known.toLowerCase(Locale.ROOT), found.toLowerCase(Locale.ROOT)) <= allowed;
    }
}
