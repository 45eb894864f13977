package org.loyaltyterminal.terminal.voucher;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything printed on one voucher.
 *
 * @param code        the printable code, XXXX-XXXX-XXXX-XXXX; the QR and CODE128 carry it too
 * @param label       the voucher's short name, e.g. {@code 12/345}
 * @param rewardText  what the member gets
 * @param valueCents  what it is worth
 * @param validThrough the last day it may be redeemed
 * @param terms       the small print, if any
 * @param reprint     marks a reprint as such, so a copy is recognisable at the till
 */
public record VoucherTicket(
        String code,
        String label,
        String rewardText,
        long valueCents,
        LocalDate validThrough,
        Optional<String> terms,
        boolean reprint) {
    public VoucherTicket {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rewardText, "rewardText");
        Objects.requireNonNull(validThrough, "validThrough");
        Objects.requireNonNull(terms, "terms");
    }
}
