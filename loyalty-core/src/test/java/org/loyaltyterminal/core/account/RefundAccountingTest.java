package org.loyaltyterminal.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.account.RefundAccounting.SaleEarning;
import org.loyaltyterminal.core.account.RefundAccounting.TakenBack;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.RefundReversal;
import org.loyaltyterminal.core.voucher.VoucherCode;

class RefundAccountingTest {

    @Test
    void earnings_keep_the_sale_order_and_carry_what_earlier_refunds_took() {
        assertEquals(
                List.of(
                        new RefundReversal.Earned("points", 0, 40, 0, 10),
                        new RefundReversal.Earned("coffee", 2, 0, 0, 0)),
                RefundAccounting.earned(
                        List.of(new SaleEarning("points", 0, 40), new SaleEarning("coffee", 2, 0)),
                        Map.of("points", new TakenBack(0, 10))));
    }

    @Test
    void a_campaign_that_netted_below_zero_earned_nothing() {
        assertEquals(
                List.of(new RefundReversal.Earned("coffee", 0, 0, 0, 0)),
                RefundAccounting.earned(List.of(new SaleEarning("coffee", -3, -1)), Map.of()));
    }

    @Test
    void the_report_names_the_refund_and_the_vouchers_of_the_sale_by_label() {
        String redeemed = new VoucherCode(7, 12, LocalDate.of(2026, 6, 30), 3).reference();
        RefundStatement statement = new RefundStatement("R1", "receipt-9", 1250, List.of(redeemed), List.of());
        assertEquals(
                "refund R1 of receipt receipt-9 (1250 cents); vouchers redeemed in the sale: "
                        + VoucherCode.labelOf(redeemed),
                statement.report());
        assertEquals(
                new Award.Why("refund.reversal", statement.report() + ": nothing left to take back", true),
                statement.nothingLeft(true));
        assertEquals(
                "refund R2 of receipt r (0 cents)", new RefundStatement("R2", "r", 0, List.of(), List.of()).report());
    }
}
