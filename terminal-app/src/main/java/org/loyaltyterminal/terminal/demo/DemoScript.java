package org.loyaltyterminal.terminal.demo;

import java.util.List;

/** The scripted morning at the till that the demo plays. */
final class DemoScript {
    /**
     * One thing the cashier does; {@code raw} frames bypass the emulator's framing.
     * {@code dropped}: the driver must stop it, so the till hears nothing.
     */
    record Step(String narration, String aimId, String payload, byte[] raw, boolean dropped) {
        static Step scan(String narration, String aimId, String payload) {
            return new Step(narration, aimId, payload, new byte[0], false);
        }

        static Step droppedScan(String narration, String aimId, String payload) {
            return new Step(narration, aimId, payload, new byte[0], true);
        }

        static Step raw(String narration, byte[] bytes) {
            return new Step(narration, "", "", bytes, true);
        }

        boolean isRaw() {
            return raw.length > 0;
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

    private DemoScript() {}

    static List<Step> morning() {
        return List.of(
                Step.scan("Anna shows her new member card", "]E0", ANNA),
                Step.scan("espresso beans", "]E0", ESPRESSO),
                Step.scan("a butter croissant", "]E0", CROISSANT),
                Step.scan("the scanner reads the croissant a second time", "]E0", CROISSANT),
                Step.scan("a bottle deposit (no campaign covers deposits)", "]E0", DEPOSIT),
                Step.scan("Anna's receipt, 12.49", "]C0", DemoFiles.receipt(1001, 1249)),
                Step.scan("Ben shows his member card: Anna's visit ends", "]E0", BEN),
                Step.raw("noise on the scanner cable", new byte[] {0x00, 0x07, 0x1b, (byte) 0xff, 'x', '\r'}),
                Step.droppedScan("a smudged barcode: EAN-13 with a wrong check digit", "]E0", "4001234500011"),
                Step.scan("filter coffee", "]E0", FILTER),
                Step.scan("a cappuccino", "]E0", CAPPUCCINO),
                Step.scan("espresso beans: Ben's coffee card is full, one stamp carries over", "]E0", ESPRESSO),
                Step.scan("Ben's receipt, 7.80", "]C0", BEN_RECEIPT),
                Step.scan("the cashier scans the close-visit code", "]C0", "CLOSE-VISIT"),
                Step.scan("a croissant with no member card scanned first", "]E0", CROISSANT),
                Step.scan("a little later, Anna is back", "]E0", ANNA),
                Step.scan("someone hands over Ben's receipt again", "]C0", BEN_RECEIPT),
                Step.scan("the cashier scans the close-visit code", "]C0", "CLOSE-VISIT"));
    }
}
