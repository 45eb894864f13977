package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Qualifier;
import org.loyaltyterminal.core.campaign.Rounding;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.campaign.ValidityWindow;
import org.loyaltyterminal.core.engine.Award.PointsAwarded;
import org.loyaltyterminal.core.engine.Award.StampCardCompleted;
import org.loyaltyterminal.core.engine.Award.StampsAwarded;
import org.loyaltyterminal.core.engine.VisitInput.ItemScanned;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;

class LoyaltyEngineTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant MID = Instant.parse("2026-06-15T12:00:00Z");
    static final ValidityWindow YEAR_2026 = new ValidityWindow(Optional.of(FROM), Optional.of(UNTIL));

    static final String BEANS = "4006381333931"; // category coffee in the product table
    static final String TEA = "4000000000011"; // category tea
    static final String LISTED = "999"; // not in the product table, listed by code on the coffee card
    static final Map<String, Product> PRODUCTS = Map.of(
            BEANS, new Product(BEANS, "coffee", "Espresso beans 500 g"),
            TEA, new Product(TEA, "tea", "Green tea"));

    static final StampCardCampaign COFFEE_CARD = stampCard("coffee-card", 1, 10);
    static final String FREE = "Free coffee";

    static StampCardCampaign stampCard(String id, int stampsPerItem, int cardSize) {
        return new StampCardCampaign(
                id, YEAR_2026, new Qualifier(Set.of(LISTED), Set.of("coffee")), stampsPerItem, cardSize, FREE);
    }

    static PointsCampaign points(long pointsPerUnit, long unitCents, Rounding rounding) {
        return new PointsCampaign("points", ValidityWindow.always(), pointsPerUnit, unitCents, rounding);
    }

    static CampaignBundle bundle(Campaign... campaigns) {
        return new CampaignBundle(1, 1, PRODUCTS, List.of(campaigns));
    }

    static MemberState onCard(int stamps) {
        return new MemberState(0, Map.of("coffee-card", stamps));
    }

    static ItemScanned item(String code, int quantity) {
        return new ItemScanned(code, quantity);
    }

    static ReceiptScanned receipt(long cents) {
        return new ReceiptScanned("r-1", cents);
    }

    static StampsAwarded stamps(int n) {
        return new StampsAwarded("coffee-card", n);
    }

    static StampCardCompleted completed() {
        return new StampCardCompleted("coffee-card", 10, FREE);
    }

    static PointsAwarded pointsAwarded(long n) {
        return new PointsAwarded("points", n);
    }

    record Example(
            String name, CampaignBundle rules, MemberState member, VisitInput input, Instant at, List<Award> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Example example(String name, CampaignBundle rules, MemberState member, VisitInput input, Award... expected) {
        return new Example(name, rules, member, input, MID, List.of(expected));
    }

    static Stream<Example> workedExamples() {
        CampaignBundle card = bundle(COFFEE_CARD);
        CampaignBundle down = bundle(points(1, 100, Rounding.DOWN));
        CampaignBundle halfUp = bundle(points(1, 100, Rounding.HALF_UP));
        MemberState empty = MemberState.empty();
        return Stream.of(
                example("item qualifies by category", card, empty, item(BEANS, 1), stamps(1)),
                example("item qualifies by listed code", card, empty, item(LISTED, 1), stamps(1)),
                example("item in another category earns nothing", card, empty, item(TEA, 1)),
                example("unknown code earns nothing", card, empty, item("123", 1)),
                example("quantity 3 earns 3 stamps", card, empty, item(BEANS, 3), stamps(3)),
                example(
                        "2 stamps per item x 3",
                        bundle(stampCard("coffee-card", 2, 10)),
                        empty,
                        item(BEANS, 3),
                        stamps(6)),
                example(
                        "card completes exactly (9 + 1 of 10)",
                        card,
                        onCard(9),
                        item(BEANS, 1),
                        stamps(1),
                        completed()),
                example(
                        "surplus carries over (9 + 3 of 10; new card holds 2)",
                        card,
                        onCard(9),
                        item(BEANS, 3),
                        stamps(3),
                        completed()),
                example("one short of a card (8 + 1 of 10)", card, onCard(8), item(BEANS, 1), stamps(1)),
                example(
                        "two cards in one scan (9 + 11 of 10)",
                        card,
                        onCard(9),
                        item(BEANS, 11),
                        stamps(11),
                        completed(),
                        completed()),
                example(
                        "three cards in one scan (5 + 25 of 10)",
                        card,
                        onCard(5),
                        item(BEANS, 25),
                        stamps(25),
                        completed(),
                        completed(),
                        completed()),
                example(
                        "a card already over size (shrunk by HQ) completes on the next stamp",
                        card,
                        onCard(12),
                        item(BEANS, 1),
                        stamps(1),
                        completed()),
                example(
                        "stamps on another campaign's card do not count",
                        card,
                        new MemberState(0, Map.of("other-card", 9)),
                        item(BEANS, 1),
                        stamps(1)),
                new Example("at == validFrom is inside", card, empty, item(BEANS, 1), FROM, List.of(stamps(1))),
                new Example(
                        "1 ns before validUntil is inside",
                        card,
                        empty,
                        item(BEANS, 1),
                        UNTIL.minusNanos(1),
                        List.of(stamps(1))),
                new Example("at == validUntil is outside", card, empty, item(BEANS, 1), UNTIL, List.of()),
                new Example(
                        "1 ns before validFrom is outside", card, empty, item(BEANS, 1), FROM.minusNanos(1), List.of()),
                new Example(
                        "points campaign outside its window earns nothing",
                        bundle(new PointsCampaign("points", YEAR_2026, 1, 100, Rounding.DOWN)),
                        empty,
                        receipt(1000),
                        UNTIL.plus(Duration.ofDays(1)),
                        List.of()),
                example("receipt earns no stamps", card, empty, receipt(5000)),
                example("item earns no points", down, empty, item(BEANS, 1)),
                example("DOWN 12.49 units -> 12", down, empty, receipt(1249), pointsAwarded(12)),
                example("DOWN 12.50 units -> 12", down, empty, receipt(1250), pointsAwarded(12)),
                example("DOWN 12.99 units -> 12", down, empty, receipt(1299), pointsAwarded(12)),
                example("DOWN 13.00 units -> 13", down, empty, receipt(1300), pointsAwarded(13)),
                example("HALF_UP 12.49 units -> 12", halfUp, empty, receipt(1249), pointsAwarded(12)),
                example("HALF_UP 12.50 units -> 13", halfUp, empty, receipt(1250), pointsAwarded(13)),
                example("HALF_UP 12.99 units -> 13", halfUp, empty, receipt(1299), pointsAwarded(13)),
                example(
                        "HALF_UP 1 point per 3 cents on 5 cents (1.67 units) -> 2",
                        bundle(points(1, 3, Rounding.HALF_UP)),
                        empty,
                        receipt(5),
                        pointsAwarded(2)),
                example(
                        "2 points per 100 cents on 12.34",
                        bundle(points(2, 100, Rounding.DOWN)),
                        empty,
                        receipt(1234),
                        pointsAwarded(24)),
                example(
                        "2 points per 100 cents on 0.50 (1 point exactly)",
                        bundle(points(2, 100, Rounding.DOWN)),
                        empty,
                        receipt(50),
                        pointsAwarded(1)),
                example("DOWN 0.99 -> zero points, no award", down, empty, receipt(99)),
                example("HALF_UP 0.49 -> zero points, no award", halfUp, empty, receipt(49)),
                example("HALF_UP 0.50 -> 1", halfUp, empty, receipt(50), pointsAwarded(1)),
                example("amount 0 earns nothing", halfUp, empty, receipt(0)),
                example("negative amount (refund) earns nothing", halfUp, empty, receipt(-1250)),
                example(
                        "largest amount at 1 point per cent is exact",
                        bundle(points(1, 1, Rounding.DOWN)),
                        empty,
                        receipt(Long.MAX_VALUE),
                        pointsAwarded(Long.MAX_VALUE)),
                example(
                        "HALF_UP with a huge unit does not overflow deciding the half",
                        bundle(points(1, Long.MAX_VALUE, Rounding.HALF_UP)),
                        empty,
                        receipt(1L << 62),
                        pointsAwarded(1)),
                example(
                        "two stamp cards stack, in id order at equal priority, each with its completion",
                        bundle(COFFEE_CARD, stampCard("beans-card", 2, 4)),
                        onCard(9),
                        item(BEANS, 2),
                        new StampsAwarded("beans-card", 4),
                        new StampCardCompleted("beans-card", 4, FREE),
                        stamps(2),
                        completed()),
                example(
                        "file order does not decide the order: the same bundle written the other way round",
                        bundle(stampCard("beans-card", 1, 4), COFFEE_CARD),
                        empty,
                        item(BEANS, 1),
                        new StampsAwarded("beans-card", 1),
                        stamps(1)),
                example(
                        "two points campaigns both award (they stack), in id order",
                        bundle(
                                new PointsCampaign("welcome-bonus", YEAR_2026, 5, 1000, Rounding.DOWN),
                                points(1, 100, Rounding.DOWN),
                                COFFEE_CARD),
                        empty,
                        receipt(2500),
                        pointsAwarded(25),
                        new PointsAwarded("welcome-bonus", 12)));
    }

    private final LoyaltyEngine engine = new LoyaltyEngine();

    @ParameterizedTest(name = "{0}")
    @MethodSource("workedExamples")
    void workedExample(Example e) {
        List<Award> awards = Awards.plain(engine.evaluate(e.input(), e.member(), e.rules(), e.at()));

        assertEquals(e.expected(), awards, () -> e.name() + ": awards differ for " + e.input() + " with " + e.member());
    }

    @Test
    void pointsOverflowIsRefusedNotWrapped() {
        CampaignBundle rules = bundle(points(2, 100, Rounding.DOWN));

        AwardOverflowException e = assertThrows(
                AwardOverflowException.class,
                () -> engine.evaluate(receipt(Long.MAX_VALUE / 2 + 1), MemberState.empty(), rules, MID));

        assertEquals(
                "campaign 'points': receipt r-1 of 4611686018427387904 cents at 2 points per 100 cents"
                        + " overflows 64-bit arithmetic; the amount is implausible, check the receipt barcode",
                e.getMessage());
    }

    @Test
    void stampsOverflowIsRefusedNotWrapped() {
        CampaignBundle rules = bundle(stampCard("coffee-card", 1 << 30, 10));

        AwardOverflowException e = assertThrows(
                AwardOverflowException.class, () -> engine.evaluate(item(BEANS, 2), MemberState.empty(), rules, MID));

        assertTrue(
                e.getMessage().startsWith("campaign 'coffee-card': item " + BEANS + " x2 at 1073741824 stamps"),
                () -> "message was: " + e.getMessage());
    }

    @Test
    void awardsAreUnmodifiable() {
        List<Award> awards = engine.evaluate(item(BEANS, 1), MemberState.empty(), bundle(COFFEE_CARD), MID);

        assertThrows(UnsupportedOperationException.class, () -> awards.add(stamps(1)));
    }
}
