package org.loyaltyterminal.core.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignBundleReaderTest {

    private static final String SOURCE = "campaigns.json";

    private final CampaignBundleReader loader = new CampaignBundleReader();

    /** JSON written with single quotes so that the tables below stay readable. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static final String STAMP_CARD = """
            {'id': 'coffee-card', 'type': 'stamp-card', 'qualifying': {'categories': ['coffee']},
             'cardSize': 10, 'reward': 'Free coffee'}""";

    private static final String POINTS = """
            {'id': 'points', 'type': 'points', 'pointsPerUnit': 1}""";

    private static String file(String... campaigns) {
        return json("{'format': 1, 'version': 1, 'campaigns': [" + String.join(",\n", campaigns) + "]}");
    }

    private static final String COFFEE_REWARD = """
            {'id': 'free-coffee', 'slot': 3, 'text': 'Free coffee', 'valueCents': 350, 'validDays': 30,
             'pointsCost': 100, 'controlCode': 'REWARD-COFFEE', 'scope': 'chain'}""";

    /** A format 3 file with the points campaign, the espresso product, the rewards and a reward offer. */
    private static String offer(String rewardOffer, String... rewards) {
        return json(
                "{'format': 3, 'version': 1, 'products': [{'code': '4006381333931', 'category': 'coffee', 'name': 'Beans'}],"
                        + " 'campaigns': [" + POINTS + "], 'rewards': [" + String.join(",\n", rewards)
                        + "], 'rewardOffer': "
                        + rewardOffer + "}");
    }

    /** A format 2 file with one campaign, the espresso product, and the rewards. */
    private static String rewards(String campaign, String... rewards) {
        return json(
                "{'format': 2, 'version': 1, 'products': [{'code': '4006381333931', 'category': 'coffee', 'name': 'Beans'}],"
                        + " 'campaigns': [" + campaign + "], 'rewards': [" + String.join(",\n", rewards) + "]}");
    }

    @Test
    void aFormat2FileCarriesTheRewardCatalogueAndStampCardsThatIssueVouchers() {
        CampaignBundle bundle = loader.parse(
                rewards(
                        STAMP_CARD.replace("'cardSize': 10", "'cardSize': 10, 'voucher': 'free-coffee'"),
                        COFFEE_REWARD,
                        "{'id': 'tote-bag', 'slot': 4, 'text': 'Tote bag', 'valueCents': 0, 'validDays': 90,"
                                + " 'scope': 'store', 'terms': 'While stocks last.'}"),
                "campaigns.json");

        Reward coffee = new Reward(
                "free-coffee",
                3,
                "Free coffee",
                350,
                30,
                Optional.of(100L),
                Optional.of("REWARD-COFFEE"),
                RewardScope.CHAIN,
                Optional.empty());
        Reward bag = new Reward(
                "tote-bag",
                4,
                "Tote bag",
                0,
                90,
                Optional.empty(),
                Optional.empty(),
                RewardScope.STORE,
                Optional.of("While stocks last."));
        assertEquals(List.of(coffee, bag), bundle.rewards());
        assertEquals(Optional.of(coffee), bundle.voucherFor("coffee-card"));
        assertEquals(Optional.of(bag), bundle.rewardInSlot(4));
        assertEquals(Optional.of(coffee), bundle.rewardByControlCode("REWARD-COFFEE"));
        assertEquals(Optional.empty(), bundle.rewardByControlCode("4006381333931"), "a product is not a control code");
    }

    @Test
    void exampleFileParsesToTheExpectedRecords() throws IOException {
        // the example the Debian package installs beside the configuration
        Path file = Path.of("..", "systemd", "campaigns-example.json");

        CampaignBundle bundle = loader.parse(Files.readString(file), file.toString());

        CampaignBundle expected = new CampaignBundle(
                1,
                3,
                Map.of("4006381333931", new Product("4006381333931", "coffee", "Espresso beans 500 g")),
                List.of(
                        new StampCardCampaign(
                                "coffee-card",
                                new ValidityWindow(
                                        Optional.of(Instant.parse("2025-12-31T23:00:00Z")),
                                        Optional.of(Instant.parse("2099-12-31T23:00:00Z"))),
                                new Qualifier(Set.of(), Set.of("coffee")),
                                1,
                                10,
                                "Free coffee"),
                        new PointsCampaign(
                                "points",
                                new ValidityWindow(
                                        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.empty()),
                                1,
                                100,
                                Rounding.DOWN)));
        assertEquals(expected, bundle);
    }

    @Test
    void optionalFieldsTakeTheirDocumentedDefaults() {
        CampaignBundle bundle = loader.parse(file(STAMP_CARD, POINTS), SOURCE);

        StampCardCampaign stamps = (StampCardCampaign) bundle.campaigns().get(0);
        PointsCampaign points = (PointsCampaign) bundle.campaigns().get(1);
        assertEquals(1, stamps.stampsPerItem(), "stampsPerItem default");
        assertEquals(ValidityWindow.always(), stamps.validity(), "validity without validFrom/validUntil");
        assertEquals(100, points.unitCents(), "unitCents default");
        assertEquals(Rounding.DOWN, points.rounding(), "rounding default");
        assertEquals(Map.of(), bundle.products(), "products when the field is absent");
    }

    @Test
    void halfUpRoundingAndCodeQualifierAreRead() {
        CampaignBundle bundle = loader.parse(file("""
                {'id': 'beans', 'type': 'stamp-card', 'qualifying': {'codes': ['123', '456']},
                 'stampsPerItem': 2, 'cardSize': 5, 'reward': 'Mug'}""", """
                {'id': 'double', 'type': 'points', 'pointsPerUnit': 2, 'unitCents': 50, 'rounding': 'half-up'}"""), SOURCE);

        assertEquals(
                List.of(
                        new StampCardCampaign(
                                "beans",
                                ValidityWindow.always(),
                                new Qualifier(Set.of("123", "456"), Set.of()),
                                2,
                                5,
                                "Mug"),
                        new PointsCampaign("double", ValidityWindow.always(), 2, 50, Rounding.HALF_UP)),
                bundle.campaigns());
    }

    record BadFile(String name, String json, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadFile> badFiles() {
        return Stream.of(
                new BadFile(
                        "missing format",
                        json("{'version': 1, 'campaigns': []}"),
                        List.of("campaigns.json (format): is required, was missing")),
                new BadFile(
                        "format 4 is refused alone, whatever else the file holds",
                        json("{'format': 4, 'version': 1, 'campaigns': [], 'rewardTiers': []}"),
                        List.of("campaign file campaigns.json uses format 4; this terminal understands format 3;"
                                + " update the terminal software")),
                new BadFile(
                        "a reward catalogue in a format 1 file",
                        json("{'format': 1, 'version': 1, 'campaigns': [], 'rewards': []}"),
                        List.of("campaigns.json (rewards): needs format 2 or later, the file says format 1;"
                                + " set \"format\": 2")),
                new BadFile(
                        "a stamp card naming a reward that is not in the catalogue",
                        rewards(
                                STAMP_CARD.replace("'cardSize': 10", "'cardSize': 10, 'voucher': 'free-tea'"),
                                COFFEE_REWARD),
                        List.of(
                                "campaigns.json: campaign 'coffee-card' (campaigns[0].voucher): names reward \"free-tea\","
                                        + " which is not in \"rewards\"; add it there or fix the id")),
                new BadFile(
                        "two rewards in one slot, a control code without a cost, a bad scope",
                        rewards(
                                POINTS,
                                COFFEE_REWARD,
                                COFFEE_REWARD
                                        .replace("'free-coffee'", "'free-cake'")
                                        .replace("'pointsCost': 100, ", "")
                                        .replace("'scope': 'chain'", "'scope': 'region'")),
                        List.of(
                                "campaigns.json: reward 'free-cake' (rewards[1].slot): is already used by rewards[0];"
                                        + " a voucher code names its reward by slot",
                                "campaigns.json: reward 'free-cake' (rewards[1].controlCode): is already used by rewards[0];"
                                        + " each control code buys one reward",
                                "campaigns.json: reward 'free-cake' (rewards[1].scope): must be \"chain\" or \"store\","
                                        + " was \"region\"")),
                new BadFile(
                        "a control code that is a product",
                        rewards(POINTS, COFFEE_REWARD.replace("'REWARD-COFFEE'", "'4006381333931'")),
                        List.of("campaigns.json: reward 'free-coffee' (rewards[0].controlCode): \"4006381333931\" is"
                                + " also a product code; a control code must not be a product")),
                new BadFile(
                        "a reward's slot, value and validity out of range",
                        rewards(
                                POINTS,
                                COFFEE_REWARD
                                        .replace("'slot': 3", "'slot': 256")
                                        .replace("'valueCents': 350", "'valueCents': -1")
                                        .replace("'validDays': 30", "'validDays': 0")),
                        List.of(
                                "campaigns.json: reward 'free-coffee' (rewards[0].slot): must be between 0 and 255, was 256",
                                "campaigns.json: reward 'free-coffee' (rewards[0].valueCents): must be between 0 and"
                                        + " 100000000, was -1",
                                "campaigns.json: reward 'free-coffee' (rewards[0].validDays): must be between 1 and 3650,"
                                        + " was 0")),
                new BadFile(
                        "format as a string",
                        json("{'format': '1', 'version': 1, 'campaigns': []}"),
                        List.of("campaigns.json (format): must be a whole number, was the string \"1\"")),
                new BadFile(
                        "version 0",
                        json("{'format': 1, 'version': 0, 'campaigns': []}"),
                        List.of("campaigns.json (version): must be at least 1, was 0")),
                new BadFile(
                        "a reward offer in a format 2 file",
                        rewards(POINTS, COFFEE_REWARD)
                                .replace("}\n", "}")
                                .replaceFirst(
                                        "}$", ", \"rewardOffer\": {\"policy\": \"cheapest\", \"takeCode\": \"TAKE\"}}"),
                        List.of("campaigns.json (rewardOffer): needs format 3 or later, the file says format 2; set"
                                + " \"format\": 3")),
                new BadFile(
                        "a reward offer with an unknown policy and a product's code as take code",
                        offer("{'policy': 'random', 'takeCode': '4006381333931'}", COFFEE_REWARD),
                        List.of(
                                "campaigns.json (rewardOffer.policy): must be \"cheapest\" or \"next\", was \"random\"",
                                "campaigns.json (rewardOffer.takeCode): \"4006381333931\" is also a product code; the take"
                                        + " code must not be a product")),
                new BadFile(
                        "a take code that is also a reward's control code",
                        offer("{'policy': 'next', 'takeCode': 'REWARD-COFFEE'}", COFFEE_REWARD),
                        List.of(
                                "campaigns.json (rewardOffer.takeCode): \"REWARD-COFFEE\" is also reward 'free-coffee''s"
                                        + " control code; the take code takes whichever reward is offered, so it needs a code of its own")),
                new BadFile(
                        "a reward offer with nothing to buy with points",
                        offer(
                                "{'policy': 'cheapest', 'takeCode': 'TAKE'}",
                                "{'id': 'tote', 'slot': 4, 'text': 'Tote bag', 'valueCents': 0, 'validDays': 90}"),
                        List.of("campaigns.json (rewardOffer): offers a reward bought with points, but no reward in"
                                + " \"rewards\" has a \"pointsCost\"; give one a cost or remove \"rewardOffer\"")),
                new BadFile(
                        "a reward that spends all points without a cost, and one in format 2",
                        offer(
                                "{'policy': 'cheapest', 'takeCode': 'TAKE'}",
                                COFFEE_REWARD,
                                "{'id': 'hamper', 'slot': 5, 'text': 'Hamper', 'valueCents': 0, 'validDays': 9, 'spendsAllPoints': true}"),
                        List.of("campaigns.json: reward 'hamper' (rewards[1]): reward 'hamper': spendsAllPoints needs a"
                                + " pointsCost, the least balance it may be bought with")),
                new BadFile(
                        "spendsAllPoints in a format 2 file",
                        rewards(
                                POINTS,
                                COFFEE_REWARD.replace("'scope': 'chain'", "'scope': 'chain', 'spendsAllPoints': true")),
                        List.of(
                                "campaigns.json: reward 'free-coffee' (rewards[0].spendsAllPoints): needs format 3, the file"
                                        + " says format 2; set \"format\": 3")),
                new BadFile(
                        "version past a 64-bit integer",
                        json("{'format': 1, 'version': 9223372036854775808, 'campaigns': []}"),
                        List.of(
                                "campaigns.json (version): must be at most 9223372036854775807, was 9223372036854775808")),
                new BadFile(
                        "campaigns missing",
                        json("{'format': 1, 'version': 1}"),
                        List.of("campaigns.json (campaigns): is required, was missing")),
                new BadFile(
                        "root is an array",
                        "[]",
                        List.of("campaigns.json: must be a JSON object with \"format\", \"version\" and"
                                + " \"campaigns\", was an array")),
                new BadFile(
                        "duplicate campaign id",
                        file(POINTS, POINTS),
                        List.of("campaigns.json: campaign 'points' (campaigns[1].id): is already used by"
                                + " campaigns[0]; campaign ids must be unique")),
                new BadFile(
                        "campaign id with upper case and space",
                        file(POINTS.replace("'id': 'points'", "'id': 'Points Card'")),
                        List.of("campaigns.json: campaign 'Points Card' (campaigns[0].id): must be 1 to 64 lower-case"
                                + " letters, digits or '-', starting with a letter or digit"
                                + " ([a-z0-9][a-z0-9-]{0,63}), was \"Points Card\"")),
                new BadFile(
                        "unknown field, a typo of a known one",
                        file(STAMP_CARD.replace("'cardSize': 10", "'cardSize': 10, 'stampPerItem': 2")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].stampPerItem): unknown field;"
                                + " did you mean \"stampsPerItem\"? the fields allowed here are id, type, validFrom,"
                                + " validUntil, qualifying, stampsPerItem, cardSize, reward, voucher")),
                new BadFile(
                        "unknown top-level field",
                        json("{'format': 1, 'version': 1, 'campaigns': [], 'x': 1}"),
                        List.of("campaigns.json (x): unknown field; the fields allowed here are format, version,"
                                + " products, campaigns, rewards")),
                new BadFile(
                        "unknown campaign type",
                        file(POINTS.replace("'type': 'points'", "'type': 'cashback'")),
                        List.of("campaigns.json: campaign 'points' (campaigns[0].type): must be \"stamp-card\" or"
                                + " \"points\", was \"cashback\"")),
                new BadFile(
                        "cardSize 0",
                        file(STAMP_CARD.replace("'cardSize': 10", "'cardSize': 0")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].cardSize): must be between 1"
                                + " and 1000, was 0")),
                new BadFile(
                        "cardSize as a string",
                        file(STAMP_CARD.replace("'cardSize': 10", "'cardSize': '10'")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].cardSize): must be a whole"
                                + " number, was the string \"10\"")),
                new BadFile(
                        "cardSize with a fraction",
                        file(STAMP_CARD.replace("'cardSize': 10", "'cardSize': 10.5")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].cardSize): must be a whole"
                                + " number, was 10.5")),
                new BadFile(
                        "validFrom after validUntil",
                        file(
                                POINTS.replace(
                                        "'pointsPerUnit'",
                                        "'validFrom': '2027-01-01T00:00:00Z', 'validUntil': '2026-01-01T00:00:00Z', 'pointsPerUnit'")),
                        List.of("campaigns.json: campaign 'points' (campaigns[0].validUntil): must be later than"
                                + " validFrom (2027-01-01T00:00:00Z), was 2026-01-01T00:00:00Z; the window is from"
                                + " inclusive, until exclusive")),
                new BadFile(
                        "validFrom without offset",
                        file(POINTS.replace("'pointsPerUnit'", "'validFrom': '2026-01-01T00:00:00', 'pointsPerUnit'")),
                        List.of("campaigns.json: campaign 'points' (campaigns[0].validFrom): needs a UTC offset, e.g."
                                + " \"2026-01-01T00:00:00+01:00\" or \"2026-01-01T00:00:00Z\", was"
                                + " \"2026-01-01T00:00:00\"; a local time is ambiguous on a till whose clock zone"
                                + " may be wrong")),
                new BadFile(
                        "validFrom with the unknown offset -00:00, validUntil without seconds",
                        file(POINTS.replace(
                                "'pointsPerUnit'",
                                "'validFrom': '2026-01-01T00:00:00-00:00', 'validUntil': '2027-01-01T00:00Z',"
                                        + " 'pointsPerUnit'")),
                        List.of(
                                "campaigns.json: campaign 'points' (campaigns[0].validFrom): has the offset \"-00:00\","
                                        + " which means an unknown offset; write \"Z\" or \"+00:00\" for UTC, was"
                                        + " \"2026-01-01T00:00:00-00:00\"",
                                "campaigns.json: campaign 'points' (campaigns[0].validUntil): must be an ISO-8601"
                                        + " date-time with offset such as \"2026-01-01T00:00:00+01:00\", was"
                                        + " \"2027-01-01T00:00Z\"")),
                new BadFile(
                        "a reward text of white space other than ASCII's",
                        file(STAMP_CARD.replace("'Free coffee'", "'\\u2003\\u00a0'")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].reward): must not be empty, was"
                                + " the string \"\u2003\u00a0\"")),
                new BadFile(
                        "validUntil not a date",
                        file(POINTS.replace("'pointsPerUnit'", "'validUntil': 'soon', 'pointsPerUnit'")),
                        List.of("campaigns.json: campaign 'points' (campaigns[0].validUntil): must be an ISO-8601"
                                + " date-time with offset such as \"2026-01-01T00:00:00+01:00\", was \"soon\"")),
                new BadFile(
                        "bad rounding",
                        file(POINTS.replace("'pointsPerUnit': 1", "'pointsPerUnit': 1, 'rounding': 'up'")),
                        List.of("campaigns.json: campaign 'points' (campaigns[0].rounding): must be \"down\" or"
                                + " \"half-up\", was \"up\"")),
                new BadFile(
                        "points field on a stamp card",
                        file(STAMP_CARD.replace("'cardSize': 10", "'cardSize': 10, 'unitCents': 100")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].unitCents): unknown field;"
                                + " the fields allowed here are id, type, validFrom, validUntil, qualifying,"
                                + " stampsPerItem, cardSize, reward, voucher")),
                new BadFile(
                        "qualifier with empty lists",
                        file(STAMP_CARD.replace("{'categories': ['coffee']}", "{'categories': [], 'codes': []}")),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].qualifying): needs at least one"
                                + " entry in \"categories\" or \"codes\", was empty lists; a campaign nothing"
                                + " qualifies for never awards a stamp")),
                new BadFile(
                        "duplicate product code",
                        json("""
                        {'format': 1, 'version': 1, 'campaigns': [], 'products': [
                          {'code': '123', 'category': 'coffee', 'name': 'Beans'},
                          {'code': '123', 'category': 'tea', 'name': 'Leaves'}]}"""),
                        List.of("campaigns.json: product '123' (products[1].code): code \"123\" is already used by"
                                + " products[0]; each product code may appear once")),
                new BadFile(
                        "duplicate JSON key",
                        json("""
                        {'format': 1, 'version': 1, 'campaigns': [
                          {'id': 'coffee-card', 'type': 'stamp-card', 'qualifying': {'codes': ['1']},
                           'cardSize': 10, 'reward': 'Free coffee', 'cardSize': 12}]}"""),
                        List.of("campaigns.json: campaign 'coffee-card' (campaigns[0].cardSize): key \"cardSize\""
                                + " appears more than once in the same object (again at line 3, column 45); keep"
                                + " only one")),
                new BadFile(
                        "several problems are reported together",
                        file(
                                STAMP_CARD
                                        .replace("'cardSize': 10", "'cardSize': 0")
                                        .replace("'Free coffee'", "''"),
                                POINTS.replace("'pointsPerUnit': 1", "'pointsPerUnit': 1, 'rounding': 'up'"),
                                POINTS),
                        List.of(
                                "campaigns.json: campaign 'coffee-card' (campaigns[0].cardSize): must be between 1"
                                        + " and 1000, was 0",
                                "campaigns.json: campaign 'coffee-card' (campaigns[0].reward): must not be empty, was"
                                        + " the string \"\"",
                                "campaigns.json: campaign 'points' (campaigns[1].rounding): must be \"down\" or"
                                        + " \"half-up\", was \"up\"",
                                "campaigns.json: campaign 'points' (campaigns[2].id): is already used by campaigns[1];"
                                        + " campaign ids must be unique")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithEveryProblemNamed(BadFile bad) {
        CampaignFileException e = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(bad.json(), SOURCE),
                () -> bad.name() + ": expected the file to be refused");

        assertEquals(bad.problems(), e.problems(), () -> bad.name() + ": problems differ");
        assertEquals(SOURCE, e.source());
    }

    @Test
    void exceptionMessageListsEveryProblem() {
        CampaignFileException e = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(json("{'format': 1, 'version': -1, 'campaigns': {}}"), SOURCE));

        assertEquals("""
                campaign file campaigns.json has 2 problems; fix them all before loading it again:
                  - campaigns.json (version): must be at least 1, was -1
                  - campaigns.json (campaigns): must be a JSON array, was an object""", e.getMessage());
    }

    @Test
    void everyProblemCarriesItsJsonPathAndMessage() {
        String text = json("""
                {'format': 3, 'version': 1, 'products': [{'code': '4001', 'category': 'coffee', 'name': 'Beans'}],
                 'campaigns': [
                  {'id': 'points', 'type': 'points', 'pointsPerUnit': 1, 'categoryMultipliers': {'gift-card': 101}},
                  {'id': 'happy-hour', 'type': 'points', 'pointsPerUnit': 2,
                   'schedule': {'days': ['FRI', 'FRIDAY'], 'from': '17:00', 'until': '19:00'}},
                  {'id': 'coffee-card', 'type': 'stamp-card', 'qualifying': {'codes': ['4001']}, 'cardSize': 0,
                   'reward': 'Free coffee'}],
                 'tiers': {'qualifyBy': 'points', 'windowDays': 365, 'levels': [{'id': 'gold', 'name': 'Gold'}]}}""");

        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.parse(text, SOURCE));

        assertEquals(
                List.of(
                        new CampaignFileException.Problem(
                                "$.campaigns[0].categoryMultipliers['gift-card']",
                                "must be between 0 and 100, was 101"),
                        new CampaignFileException.Problem(
                                "$.campaigns[1].schedule.days[1]",
                                "must be one of MON, TUE, WED, THU, FRI, SAT, SUN, was \"FRIDAY\""),
                        new CampaignFileException.Problem(
                                "$.campaigns[2].cardSize", "must be between 1 and 1000, was 0"),
                        new CampaignFileException.Problem("$.tiers.levels[0].threshold", "is required, was missing")),
                e.details());
        assertEquals(
                "campaigns.json: campaign 'coffee-card' (campaigns[2].cardSize): must be between 1 and 1000, was 0",
                e.problems().get(2),
                "the line of each problem reads as before");
        assertEquals(
                "$.campaigns[2].cardSize: must be between 1 and 1000, was 0",
                e.details().get(2).line());
    }

    @Test
    void problemsAboutTheWholeFileOrItsSyntaxHaveTheirPathToo() {
        CampaignFileException root = assertThrows(CampaignFileException.class, () -> loader.parse("[]", SOURCE));
        assertEquals(
                List.of(new CampaignFileException.Problem(
                        "$", "must be a JSON object with \"format\", \"version\" and \"campaigns\", was an array")),
                root.details());

        CampaignFileException newer = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(json("{'format': 4, 'version': 1, 'campaigns': []}"), SOURCE));
        assertEquals(
                List.of(new CampaignFileException.Problem(
                        "$.format", "uses format 4; this terminal understands format 3; update the terminal software")),
                newer.details());

        CampaignFileException malformed = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(
                        json("{'format': 1, 'version': 1, 'campaigns': [{'id': 'a' 'type': 'points'}]}"), SOURCE));
        assertEquals("$.campaigns[0].id", malformed.details().getFirst().jsonPath());
        assertTrue(
                malformed
                        .details()
                        .getFirst()
                        .message()
                        .startsWith("line 1, column 54, in campaigns[0].id: malformed JSON: "),
                malformed.details().getFirst().message());

        CampaignFileException duplicate = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(json("{'format': 1, 'version': 1, 'version': 2, 'campaigns': []}"), SOURCE));
        assertEquals("$.version", duplicate.details().getFirst().jsonPath());

        CampaignFileException unreadable =
                new CampaignFileException(SOURCE, List.of(SOURCE + ": no such file; check the path"));
        assertEquals(
                List.of(new CampaignFileException.Problem("$", "no such file; check the path")), unreadable.details());
    }

    @Test
    void malformedJsonNamesLineColumnAndCampaign() {
        String text = json("""
                {'format': 1, 'version': 1, 'campaigns': [
                  {'id': 'coffee-card', 'type': 'stamp-card',
                   'cardSize': 10 'reward': 'Free coffee'}]}""");

        CampaignFileException e = assertThrows(CampaignFileException.class, () -> loader.parse(text, SOURCE));

        assertEquals(1, e.problems().size(), () -> "problems: " + e.problems());
        String problem = e.problems().getFirst();
        String expectedStart = "campaigns.json: campaign 'coffee-card' (line 3, column 19, in campaigns[0].cardSize):"
                + " malformed JSON: ";
        assertTrue(
                problem.startsWith(expectedStart),
                () -> "expected to start with\n" + expectedStart + "\nwas\n" + problem);
        assertTrue(
                problem.endsWith("; fix the syntax there (a missing comma, quote or bracket is the usual cause)"),
                () -> "was " + problem);
    }

    @Test
    void emptyAndTruncatedFilesAreMalformed() {
        CampaignFileException empty = assertThrows(CampaignFileException.class, () -> loader.parse("  ", SOURCE));
        assertEquals(
                List.of("campaigns.json (line 1, column 1): malformed JSON: the file is empty; fix the syntax"
                        + " there (a missing comma, quote or bracket is the usual cause)"),
                empty.problems());

        CampaignFileException truncated = assertThrows(
                CampaignFileException.class, () -> loader.parse(json("{'format': 1, 'campaigns': ["), SOURCE));
        assertEquals(
                List.of("campaigns.json (line 1, column 29, in campaigns[0]): malformed JSON: Unexpected"
                        + " end-of-input: expected close marker for Array (start marker at line: 1, column: 28); fix the syntax"
                        + " there (a missing comma, quote or bracket is the usual cause)"),
                truncated.problems());
    }

    @Test
    void trailingContentAfterTheDocumentIsRefused() {
        CampaignFileException e = assertThrows(
                CampaignFileException.class,
                () -> loader.parse(json("{'format': 1, 'version': 1, 'campaigns': []} {}"), SOURCE));

        assertEquals(
                List.of(
                        "campaigns.json (line 1, column 46): malformed JSON: unexpected content after the end"
                                + " of the JSON document; fix the syntax there (a missing comma, quote or bracket is the usual cause)"),
                e.problems());
    }

    @Test
    void bytesThatAreNotUtf8OrTooManyAreRefusedBeforeParsing() {
        byte[] latin1 = "{\"format\": 3, \"version\": 1, \"campaigns\": [], \"products\": [{\"id\": \"caf\u00e9\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);
        CampaignFileException notUtf8 = assertThrows(CampaignFileException.class, () -> loader.parse(latin1, "c.json"));
        assertEquals(List.of("c.json: is not valid UTF-8 text; save the file as UTF-8"), notUtf8.problems());

        byte[] tooMany = new byte[(int) CampaignBundleReader.MAX_BYTES + 1];
        CampaignFileException large = assertThrows(CampaignFileException.class, () -> loader.parse(tooMany, "c.json"));
        assertTrue(
                large.problems().getFirst().startsWith("c.json: is " + tooMany.length + " bytes"),
                large.problems().toString());

        byte[] valid = "{\"format\": 3, \"version\": 7, \"campaigns\": []}".getBytes(StandardCharsets.UTF_8);
        assertEquals(7, loader.parse(valid, "c.json").version());
    }
}
