package org.loyaltyterminal.terminal.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.voucher.VoucherCode;

/**
 * A voucher this terminal issued, as recorded: what the code carries, and the reward as the
 * catalogue described it at issue (a later catalogue cannot change a voucher already printed).
 */
public record IssuedVoucher(
        VoucherCode code,
        String rewardId,
        String rewardText,
        long valueCents,
        RewardScope scope,
        Optional<String> terms,
        String memberCard,
        long issuedSequence,
        Instant issuedAt) {
    public IssuedVoucher {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rewardId, "rewardId");
        Objects.requireNonNull(rewardText, "rewardText");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(memberCard, "memberCard");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public String reference() {
        return code.reference();
    }
}
