package org.loyaltyterminal.core.campaign;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Campaign bundles that must be refused, each one change away from {@link #VALID_BUNDLE}, which
 * both the schema and the loader accept. JSON is written with single quotes to stay readable.
 */
final class CampaignRefusals {

    /** A refused bundle and what is wrong with it, which names the test case. */
    record Case(String what, String json) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static final String STAMP_CARD =
            "{'id': 'coffee-card', 'type': 'stamp-card', 'qualifying': {'categories': ['coffee']},"
                    + " 'cardSize': 10, 'reward': 'Free coffee', 'voucher': 'free-coffee',"
                    + " 'validFrom': '2026-01-01T00:00:00+01:00', 'validUntil': '2027-01-01T00:00:00+01:00',"
                    + " 'schedule': {'days': ['FRI'], 'from': '17:00', 'until': '19:00'}, 'scope': {'stores': ['store-1']},"
                    + " 'limits': {'perDay': 20}, 'priority': 10}";
    private static final String POINTS = "{'id': 'points', 'type': 'points', 'pointsPerUnit': 1, 'pointsPerItem': 5,"
            + " 'qualifying': {'categories': ['coffee']}, 'categoryMultipliers': {'coffee': 3}}";
    private static final String BONUS = "{'id': 'third-visit', 'type': 'bonus', 'trigger': 'nth-visit', 'n': 3,"
            + " 'period': 'week', 'points': 30}";
    private static final String BUY_X_GET_Y =
            "{'id': 'beans-3', 'type': 'buy-x-get-y', 'qualifying': {'codes': ['4001']},"
                    + " 'buy': 3, 'voucher': 'free-coffee'}";
    private static final String REWARDS = "'rewards': [{'id': 'free-coffee', 'slot': 1, 'text': 'Free coffee',"
            + " 'valueCents': 350, 'validDays': 30, 'pointsCost': 150, 'controlCode': 'REWARD-COFFEE'}]";
    private static final String TIER_LEVELS = "[{'id': 'silver', 'name': 'Silver', 'threshold': 0},"
            + " {'id': 'gold', 'name': 'Gold', 'threshold': 10, 'multiplierPercent': 150}]";
    private static final String SECTIONS =
            "'safeguards': {'minIntervalSeconds': 300}, 'pointsExpiry': {'afterDays': 365},"
                    + " 'referral': {'prefix': 'REF-', 'referrerPoints': 100},"
                    + " 'rewardOffer': {'policy': 'cheapest', 'takeCode': 'TAKE-REWARD'},"
                    + " 'tiers': {'qualifyBy': 'visits', 'windowDays': 365, 'levels': " + TIER_LEVELS + "}";
    private static final String BUNDLE = "{'format': 3, 'version': 1,"
            + " 'products': [{'code': '4001', 'category': 'coffee', 'name': 'Beans', 'priceCents': 800}],"
            + " 'campaigns': [" + STAMP_CARD + ", " + POINTS + ", " + BONUS + ", " + BUY_X_GET_Y + "],"
            + " " + REWARDS + ", " + SECTIONS + "}";

    /** Every kind of campaign and every top-level section, valid for both. */
    static final String VALID_BUNDLE = json(BUNDLE);

    private CampaignRefusals() {}

    /** Shape problems the schema can state: the schema and the loader must both refuse each one. */
    static Stream<Case> refusedByBoth() {
        return Stream.of(
                refused("format 4", "'format': 3", "'format': 4"),
                refused("a reward offer policy that does not exist", "'policy': 'cheapest'", "'policy': 'random'"),
                refused("a reward offer without a take code", ", 'takeCode': 'TAKE-REWARD'", ""),
                refused(
                        "a reward that spends all points without a cost",
                        "'pointsCost': 150, 'controlCode': 'REWARD-COFFEE'",
                        "'spendsAllPoints': true"),
                refused("version 0", "'version': 1", "'version': 0"),
                refused("a version past 2^63-1", "'version': 1", "'version': 9223372036854775808"),
                refused("an unknown top-level field", "'format': 3,", "'format': 3, 'campaign': [],"),
                refused("an unknown campaign field (a typo)", "'cardSize': 10,", "'cardSize': 10, 'stampPerItem': 2,"),
                refused("a stamp card without cardSize", "'cardSize': 10,", ""),
                refused("cardSize as a string", "'cardSize': 10", "'cardSize': '10'"),
                refused("cardSize 1001", "'cardSize': 10", "'cardSize': 1001"),
                refused("null for an optional field", "'cardSize': 10,", "'cardSize': 10, 'stampsPerItem': null,"),
                refused(
                        "stampsPerItem past a 32-bit int",
                        "'cardSize': 10,",
                        "'cardSize': 10, 'stampsPerItem': 2147483648,"),
                refused("an unknown campaign type", "'type': 'stamp-card'", "'type': 'lottery'"),
                refused("an upper-case campaign id", "'id': 'coffee-card'", "'id': 'Coffee-Card'"),
                refused("a blank reward text", "'reward': 'Free coffee'", "'reward': '  '"),
                refused("a local validFrom without offset", "'2026-01-01T00:00:00+01:00'", "'2026-01-01T00:00:00'"),
                refused("a space between date and time", "'2026-01-01T00:00:00+01:00'", "'2026-01-01 00:00:00+01:00'"),
                refused("a validFrom without seconds", "'2026-01-01T00:00:00+01:00'", "'2026-01-01T00:00+01:00'"),
                refused(
                        "a validFrom with the unknown offset -00:00",
                        "'2026-01-01T00:00:00+01:00'",
                        "'2026-01-01T00:00:00-00:00'"),
                refused(
                        "a validFrom offset with seconds",
                        "'2026-01-01T00:00:00+01:00'",
                        "'2026-01-01T00:00:00+01:00:30'"),
                refused(
                        "a validFrom with a bare decimal point",
                        "'2026-01-01T00:00:00+01:00'",
                        "'2026-01-01T00:00:00.+01:00'"),
                refused(
                        "a validFrom with a final newline",
                        "'2026-01-01T00:00:00+01:00'",
                        "'2026-01-01T00:00:00+01:00\\n'"),
                refused("an id with a final newline", "'id': 'coffee-card'", "'id': 'coffee-card\\n'"),
                refused("a schedule hour with a final newline", "'until': '19:00'", "'until': '19:00\\n'"),
                refused("a reward text of an em space", "'reward': 'Free coffee'", "'reward': '\\u2003'"),
                refused("a product name of a no-break space", "'name': 'Beans'", "'name': '\\u00a0'"),
                refused("a category of an information separator", "'category': 'coffee'", "'category': '\\u001c'"),
                refused(
                        "an empty qualifying",
                        "'qualifying': {'categories': ['coffee']}, 'cardSize'",
                        "'qualifying': {}, 'cardSize'"),
                refused(
                        "qualifying with empty lists",
                        "'qualifying': {'categories': ['coffee']}, 'cardSize'",
                        "'qualifying': {'categories': [], 'codes': []}, 'cardSize'"),
                refused("priority 5000", "'priority': 10", "'priority': 5000"),
                refused("exclusive as a string", "'priority': 10", "'priority': 10, 'exclusive': 'yes'"),
                refused("a schedule from without until", "'from': '17:00', 'until': '19:00'", "'from': '17:00'"),
                refused("a schedule hour 24:00", "'until': '19:00'", "'until': '24:00'"),
                refused("a schedule day FRIDAY", "'days': ['FRI']", "'days': ['FRIDAY']"),
                refused(
                        "a schedule of no days and no hours",
                        "{'days': ['FRI'], 'from': '17:00', 'until': '19:00'}",
                        "{'days': []}"),
                refused(
                        "a scope with no stores or terminals",
                        "'scope': {'stores': ['store-1']}",
                        "'scope': {'stores': []}"),
                refused("limits with no cap", "'limits': {'perDay': 20}", "'limits': {}"),
                refused("a limit of 0", "'limits': {'perDay': 20}", "'limits': {'perDay': 0}"),
                refused("a limit past 2^63-1", "'limits': {'perDay': 20}", "'limits': {'perDay': 9223372036854775808}"),
                refused(
                        "points with neither pointsPerUnit nor pointsPerItem",
                        "'pointsPerUnit': 1, 'pointsPerItem': 5,",
                        ""),
                refused(
                        "points qualifying on the receipt basis",
                        "'pointsPerUnit': 1, 'pointsPerItem': 5,",
                        "'pointsPerUnit': 1,"),
                refused("pointsPerItem past a 32-bit int", "'pointsPerItem': 5", "'pointsPerItem': 2147483648"),
                refused("a category multiplier of 101", "'coffee': 3", "'coffee': 101"),
                refused("a rounding of nearest", "'pointsPerUnit': 1,", "'pointsPerUnit': 1, 'rounding': 'nearest',"),
                refused("an nth-visit bonus without n and period", "'n': 3, 'period': 'week', ", ""),
                refused("n on a welcome bonus", "'trigger': 'nth-visit'", "'trigger': 'welcome'"),
                refused("bonus points past a 32-bit int", "'points': 30", "'points': 2147483648"),
                refused("buy 0", "'buy': 3", "'buy': 0"),
                refused("buy X get Y without a voucher", ", 'voucher': 'free-coffee'}]", "}]"),
                refused("a product without a name", ", 'name': 'Beans'", ""),
                refused("a reward slot 256", "'slot': 1", "'slot': 256"),
                refused("a control code without pointsCost", "'pointsCost': 150, ", ""),
                refused(
                        "a referral that gives no points",
                        "'prefix': 'REF-', 'referrerPoints': 100",
                        "'prefix': 'REF-'"),
                refused("a blank referral prefix", "'prefix': 'REF-'", "'prefix': ' '"),
                refused("pointsExpiry afterDays 0", "'afterDays': 365", "'afterDays': 0"),
                refused("safeguards minIntervalSeconds 0", "'minIntervalSeconds': 300", "'minIntervalSeconds': 0"),
                refused("tiers with an empty list of levels", TIER_LEVELS, "[]"),
                refused("a visits tier threshold above the 400 visits read", "'threshold': 10,", "'threshold': 401,"),
                refused("a tier multiplierPercent 99", "'multiplierPercent': 150", "'multiplierPercent': 99"));
    }

    /** Changes the description allows, which both must accept. */
    static Stream<Case> acceptedByBoth() {
        return Stream.of(
                refused(
                        "spendsAllPoints false, the default, without a cost",
                        REWARDS.replace("}]", "}"),
                        REWARDS.replace(
                                "}]",
                                "}, {'id': 'tote', 'slot': 2, 'text': 'Tote', 'valueCents': 0, 'validDays': 1,"
                                        + " 'spendsAllPoints': false}")),
                refused("a lower-case t and z", "'2026-01-01T00:00:00+01:00'", "'2026-01-01t00:00:00z'"),
                refused(
                        "nine digits of fraction",
                        "'2026-01-01T00:00:00+01:00'",
                        "'2026-01-01T00:00:00.123456789+01:00'"),
                refused("an offset of -18:00", "'2026-01-01T00:00:00+01:00'", "'2026-01-01T00:00:00-18:00'"),
                refused(
                        "a name with no-break spaces inside",
                        "'name': 'Beans'",
                        "'name': 'Caf\\u00e9\\u00a0cr\\u00e8me'"));
    }

    /**
     * Beyond a JSON Schema: references, uniqueness, order between fields, format gating and the
     * spelling of numbers (JSON Schema's data model has no difference between 10 and 10.0).
     */
    static Stream<Case> refusedOnlyByTheLoader() {
        return Stream.of(
                refused(
                        "a voucher naming a reward not in the catalogue",
                        "'buy': 3, 'voucher': 'free-coffee'",
                        "'buy': 3, 'voucher': 'free-tea'"),
                refused("two campaigns with one id", "'id': 'third-visit'", "'id': 'coffee-card'"),
                refused(
                        "two rewards in one slot",
                        REWARDS.replace("}]", "}"),
                        REWARDS.replace(
                                "}]", "}, {'id': 'cake', 'slot': 1, 'text': 'Cake', 'valueCents': 0, 'validDays': 1}")),
                refused(
                        "a control code that is a product code",
                        "'controlCode': 'REWARD-COFFEE'",
                        "'controlCode': '4001'"),
                refused(
                        "validUntil before validFrom",
                        "'validUntil': '2027-01-01T00:00:00+01:00'",
                        "'validUntil': '2025-01-01T00:00:00+01:00'"),
                refused("a schedule from equal to until", "'until': '19:00'", "'until': '17:00'"),
                refused("tier thresholds not increasing", "'threshold': 10,", "'threshold': 0,"),
                refused("10.0 for a whole number", "'cardSize': 10", "'cardSize': 10.0"),
                refused("a key twice in one object", "'cardSize': 10,", "'cardSize': 10, 'cardSize': 12,"),
                refused("a format 3 field in a format 2 file", "'format': 3", "'format': 2"));
    }

    /** {@link #BUNDLE} with the first {@code from} replaced by {@code to}; a {@code from} not in it is a test bug. */
    private static Case refused(String what, String from, String to) {
        if (!BUNDLE.contains(from)) {
            throw new IllegalArgumentException("case '" + what + "': the valid bundle has no " + from);
        }
        return new Case(what, json(BUNDLE.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to))));
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
