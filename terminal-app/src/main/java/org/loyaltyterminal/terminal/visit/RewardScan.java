package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/** A reward's control code: the open visit's member buys it with points (the {@link VoucherDesk} issues the voucher). */
final class RewardScan implements ScanHandler<ScanKind.RewardCode> {
    private final VisitTracker visits;
    private final VoucherDesk vouchers;
    private final TerminalClock clock;

    RewardScan(VisitTracker visits, VoucherDesk vouchers, TerminalClock clock) {
        this.visits = visits;
        this.vouchers = vouchers;
        this.clock = clock;
    }

    @Override
    public ScanOutcome handle(ScanKind.RewardCode scan, CampaignBundle bundle, long now) {
        return buy(scan.reward(), bundle, now);
    }

    ScanOutcome buy(Reward reward, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return Refused.noVisit("reward code");
        }
        visits.touch(now);
        return vouchers.buy(reward, visit.get(), bundle, clock.now());
    }
}
