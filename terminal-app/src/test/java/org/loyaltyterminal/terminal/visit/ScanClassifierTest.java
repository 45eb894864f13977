package org.loyaltyterminal.terminal.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.testing.TillFiles;

/** The classifier decides once, with the bundle in force, what every later step needs. */
class ScanClassifierTest {
    private static final String BUNDLE = """
            {"format": 3, "version": 8,
             "products": [{"code": "4001234500010", "category": "coffee", "name": "Espresso beans 500 g",
               "priceCents": 899}],
             "campaigns": [{"id": "points", "type": "points", "pointsPerUnit": 10}],
             "rewards": [{"id": "cake", "slot": 2, "text": "Slice of cake", "valueCents": 300, "validDays": 14,
               "pointsCost": 150, "controlCode": "REWARD-CAKE"}],
             "rewardOffer": {"policy": "cheapest", "takeCode": "TAKE-REWARD"},
             "referral": {"prefix": "REF-", "referrerPoints": 100, "newMemberPoints": 50}}""";

    private final CampaignBundle bundle = new CampaignFileLoader().parse(BUNDLE, "classifier.json");
    private final ScanClassifier classifier = new ScanClassifier(
            List.of(new CardFormat(Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
            new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
            Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
            "CLOSE-VISIT",
            "REPRINT-VOUCHER");

    private ScanKind classify(Symbology symbology, String payload) {
        return classifier.classify(new ScanEvent("scanner", symbology, payload, 0), bundle);
    }

    @Test
    void theBundlesCodesAreClassifiedWithWhatTheirHandlersNeed() {
        assertInstanceOf(ScanKind.TakeOffer.class, classify(Symbology.CODE_128, "TAKE-REWARD"));
        String anna = TillFiles.memberCard(1);
        assertEquals(new ScanKind.ReferralCode("REF-" + anna), classify(Symbology.CODE_128, "REF-" + anna));
        assertEquals(
                "cake",
                assertInstanceOf(ScanKind.RewardCode.class, classify(Symbology.CODE_128, "REWARD-CAKE"))
                        .reward()
                        .id());
    }

    @Test
    void anItemCarriesItsCatalogueEntryWhenTheBundleHasOne() {
        ScanKind.Item beans = assertInstanceOf(ScanKind.Item.class, classify(Symbology.EAN_13, "4001234500010"));
        assertEquals("Espresso beans 500 g", beans.product().orElseThrow().name());
        assertEquals(new ScanKind.Item("4009999999999", Optional.empty()), classify(Symbology.EAN_13, "4009999999999"));
        assertEquals(
                new ScanKind.Item("REF-", Optional.empty()),
                classify(Symbology.CODE_128, "REF-"),
                "a bare prefix names no referrer");
    }

    @Test
    void fixedFormatsComeBeforeTheBundlesCodes() {
        String card = TillFiles.memberCard(2);
        assertEquals(new ScanKind.MemberCard(card), classify(Symbology.EAN_13, card));
        assertInstanceOf(ScanKind.MemberCardInWrongSymbology.class, classify(Symbology.CODE_128, card));
        assertInstanceOf(ScanKind.CloseVisit.class, classify(Symbology.CODE_128, "CLOSE-VISIT"));
        assertInstanceOf(ScanKind.ReprintVoucher.class, classify(Symbology.CODE_128, "REPRINT-VOUCHER"));
        assertInstanceOf(ScanKind.Receipt.class, classify(Symbology.CODE_128, TillFiles.receipt(1, 1_299)));
    }
}
