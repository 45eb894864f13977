package org.loyaltyterminal.core.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VoucherNumberingTest {

    @Test
    void numbers_follow_each_other_and_wrap_after_the_last() {
        assertEquals(8, VoucherNumbering.after(7));
        assertEquals(0, VoucherNumbering.after(VoucherCode.MAX_SEQUENCE));
    }

    @Test
    void the_first_number_is_the_draw_within_the_range() {
        assertEquals(0, VoucherNumbering.first(0));
        assertEquals(VoucherCode.MAX_SEQUENCE, VoucherNumbering.first(VoucherNumbering.RANGE - 1));
        assertThrows(IllegalArgumentException.class, () -> VoucherNumbering.first(VoucherNumbering.RANGE));
    }
}
