package org.loyaltyterminal.core.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class VoucherCodeTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);

    @Test
    void limitsAreTheDocumentedOnes() {
        assertEquals(1023, VoucherCode.MAX_TERMINAL);
        assertEquals(1_048_575, VoucherCode.MAX_SEQUENCE);
        assertEquals(255, VoucherCode.MAX_REWARD_SLOT);
        assertEquals(LocalDate.of(2025, 1, 1), VoucherCode.FIRST_DAY);
        assertEquals(LocalDate.of(2047, 6, 6), VoucherCode.LAST_DAY);
    }

    @Test
    void refusesFieldsOutsideTheirBitsNamingTheField() {
        assertRefused(() -> new VoucherCode(-1, 0, DAY, 0), "voucher terminal -1 is outside 0..1023");
        assertRefused(() -> new VoucherCode(1024, 0, DAY, 0), "voucher terminal 1024 is outside 0..1023");
        assertRefused(() -> new VoucherCode(0, -1, DAY, 0), "voucher sequence -1 is outside 0..1048575");
        assertRefused(() -> new VoucherCode(0, 1 << 20, DAY, 0), "voucher sequence 1048576 is outside 0..1048575");
        assertRefused(() -> new VoucherCode(0, 0, DAY, -1), "voucher rewardSlot -1 is outside 0..255");
        assertRefused(() -> new VoucherCode(0, 0, DAY, 256), "voucher rewardSlot 256 is outside 0..255");
        assertRefused(
                () -> new VoucherCode(0, 0, LocalDate.of(2024, 12, 31), 0),
                "voucher validThrough 2024-12-31 is outside 2025-01-01..2047-06-06");
        assertRefused(
                () -> new VoucherCode(0, 0, LocalDate.of(2047, 6, 7), 0),
                "voucher validThrough 2047-06-07 is outside 2025-01-01..2047-06-06");
        NullPointerException missing = assertThrows(NullPointerException.class, () -> new VoucherCode(0, 0, null, 0));
        assertTrue(missing.getMessage().contains("validThrough"), missing.getMessage());
    }

    @Test
    void isValidThroughTheEndOfItsLastDay() {
        VoucherCode code = new VoucherCode(0, 0, DAY, 0);
        assertTrue(code.isValidOn(DAY.minusDays(1)));
        assertTrue(code.isValidOn(DAY));
        assertFalse(code.isValidOn(DAY.plusDays(1)));
    }

    private static void assertRefused(Executable construction, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(messageStart), () -> "message: " + e.getMessage());
    }
}
