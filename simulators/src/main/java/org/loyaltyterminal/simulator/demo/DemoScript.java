package org.loyaltyterminal.simulator.demo;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The scripted morning at the till that the demo plays. */
final class DemoScript {

    /** One thing that happens at the till. */
    sealed interface Step {
        String narration();

        /** The driver must stop it, so the till hears nothing. */
        default boolean dropped() {
            return false;
        }
    }

    /** A barcode through the emulated scanner, with its AIM identifier. */
    record Scan(String narration, String aimId, String payload, boolean dropped) implements Step {}

    /** Raw bytes on the scanner line, written in hex: noise. */
    record Raw(String narration, String hex) implements Step {
        Raw {
            HexFormat.of().parseHex(hex); // fails here, not in the middle of the demo
        }

        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public boolean dropped() {
            return true;
        }
    }

    /** The code of the last printed voucher, scanned as printed or as a cashier might mistype it. */
    record PrintedVoucher(String narration, UnaryOperator<String> typed) implements Step {}

    static final UnaryOperator<String> AS_PRINTED = code -> code;

    /** The code with one character changed: the check character catches it. */
    static final UnaryOperator<String> ONE_TYPO = code ->
            code.length() < 3 ? code : code.substring(0, 2) + (code.charAt(2) == 'X' ? 'Y' : 'X') + code.substring(3);

    /** A contactless card, its UID in hex, held to the emulated PN532, then taken away. */
    record Tap(String narration, String uidHex, Optional<String> ndefText) implements Step {
        Tap {
            HexFormat.of().parseHex(uidHex); // fails here, not in the middle of the demo
        }

        byte[] uid() {
            return HexFormat.of().parseHex(uidHex);
        }
    }

    static final String ANNA = DemoFiles.memberCard(1);
    static final String BEN = DemoFiles.memberCard(2);
    static final String ESPRESSO = "4001234500010";
    static final String FILTER = "4001234500027";
    static final String CAPPUCCINO = "4001234500034";
    static final String CROISSANT = "4001234500041";
    static final String DEPOSIT = "4001234500065";
    static final String BEN_RECEIPT = DemoFiles.receipt(1002, 780);
    static final String ANNAS_KEY_FOB = "047A3B526B8081";
    static final String BENS_NFC_CARD = "04A1B2C3D4E5F6";

    private DemoScript() {}

    private static Scan scan(String narration, String aimId, String payload) {
        return new Scan(narration, aimId, payload, false);
    }

    static List<Step> morning() {
        return List.of(
                scan("Anna shows her new member card", "]E0", ANNA),
                scan("espresso beans", "]E0", ESPRESSO),
                scan("a butter croissant", "]E0", CROISSANT),
                scan("the scanner reads the croissant a second time", "]E0", CROISSANT),
                scan("a bottle deposit (no campaign covers deposits)", "]E0", DEPOSIT),
                scan("Anna's receipt, 12.49", "]C0", DemoFiles.receipt(1001, 1249)),
                new Tap(
                        "Anna taps her new key fob on the NFC reader: it is not linked to anyone yet",
                        ANNAS_KEY_FOB,
                        Optional.empty()),
                scan("the cashier scans Anna's member card again: the fob is now hers", "]E0", ANNA),
                scan("Ben shows his member card: Anna's visit ends", "]E0", BEN),
                new Raw("noise on the scanner cable", "00071bff780d"), // NUL BEL ESC 0xFF 'x' CR
                new Scan("a smudged barcode: EAN-13 with a wrong check digit", "]E0", "4001234500011", true),
                scan("filter coffee", "]E0", FILTER),
                scan("a cappuccino", "]E0", CAPPUCCINO),
                scan(
                        "espresso beans: Ben's coffee card is full, one stamp carries over, a voucher prints",
                        "]E0",
                        ESPRESSO),
                scan("Ben's receipt, 7.80", "]C0", BEN_RECEIPT),
                new PrintedVoucher(
                        "Ben hands his new voucher straight back: the cashier scans its QR code", AS_PRINTED),
                new PrintedVoucher("a voucher code typed with one wrong character", ONE_TYPO),
                new PrintedVoucher("someone tries Ben's voucher a second time", AS_PRINTED),
                scan("the cashier scans the close-visit code", "]C0", "CLOSE-VISIT"),
                scan("a croissant with no member card scanned first", "]E0", CROISSANT),
                new Tap("a little later, Anna is back and just taps her key fob", ANNAS_KEY_FOB, Optional.empty()),
                scan(
                        "Anna spends 10 of her points on a croissant: the cashier scans its reward code",
                        "]C0",
                        "REWARD-CROISSANT"),
                scan("the voucher printer jammed: the cashier scans the reprint code", "]C0", "REPRINT-VOUCHER"),
                scan("someone hands over Ben's receipt again", "]C0", BEN_RECEIPT),
                new Tap(
                        "Ben taps his NFC member card: its NDEF record carries his member number",
                        BENS_NFC_CARD,
                        Optional.of(BEN)),
                scan("the cashier scans the close-visit code", "]C0", "CLOSE-VISIT"));
    }
}
