package org.loyaltyterminal.terminal.visit;

import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.terminal.visit.ScanOutcome.ClosedVisit;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;

/** The control code that closes the current visit. */
final class CloseVisitScan implements ScanHandler<ScanKind.CloseVisit> {
    private final VisitTracker visits;

    CloseVisitScan(VisitTracker visits) {
        this.visits = visits;
    }

    @Override
    public ScanOutcome handle(ScanKind.CloseVisit scan, CampaignBundle bundle, long now) {
        return visits.close()
                .<ScanOutcome>map(v -> new ScanOutcome.VisitClosed(ClosedVisit.of(v, CloseReason.CLOSE_CODE)))
                .orElseGet(() -> new Refused(RefusalReason.NO_VISIT_OPEN, "no visit is open; nothing to close"));
    }
}
