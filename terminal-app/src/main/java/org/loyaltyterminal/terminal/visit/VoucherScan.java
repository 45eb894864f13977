package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.terminal.clock.TerminalClock;

/** A voucher code: redeemed by the {@link VoucherDesk}, with or without an open visit (which it touches). */
final class VoucherScan implements ScanHandler<ScanKind.VoucherCode> {
    private final VisitTracker visits;
    private final VoucherDesk vouchers;
    private final TerminalClock clock;

    VoucherScan(VisitTracker visits, VoucherDesk vouchers, TerminalClock clock) {
        this.visits = visits;
        this.vouchers = vouchers;
        this.clock = clock;
    }

    @Override
    public ScanOutcome handle(ScanKind.VoucherCode scan, CampaignBundle bundle, long now) {
        Optional<OpenVisit> visit = visits.current();
        visit.ifPresent(v -> visits.touch(now));
        return vouchers.redeem(scan.code(), visit, bundle, clock.now());
    }
}
