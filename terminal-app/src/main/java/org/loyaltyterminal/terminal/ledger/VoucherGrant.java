package org.loyaltyterminal.terminal.ledger;

import java.time.LocalDate;
import java.util.Objects;
import org.loyaltyterminal.core.campaign.Reward;

/**
 * A voucher to issue in the same transaction as the award that earned it. The store assigns the
 * voucher's sequence number; the caller decides the reward and the last day of validity.
 *
 * @param terminalNumber the issuing terminal's number in the chain, signed into the code
 * @param source the campaign whose completed card earned it, or the reward id when bought with points
 */
public record VoucherGrant(int terminalNumber, Reward reward, String source, LocalDate validThrough) {
    public VoucherGrant {
        Objects.requireNonNull(reward, "reward");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(validThrough, "validThrough");
    }
}
