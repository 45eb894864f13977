package org.loyaltyterminal.hq.figures;

/**
 * What one campaign gave and cost in a period, in points, stamps and vouchers (HQ knows no money
 * values: the tills send no sales amounts).
 *
 * @param campaign       the events' campaign id; empty for points tied to no campaign
 * @param pointsIssued   positive points deltas, HQ_BALANCE rows left out
 * @param pointsRedeemed points spent on this campaign's vouchers (negated points of its VOUCHER_ISSUED events)
 * @param stampsIssued   positive stamps deltas, HQ_BALANCE rows left out
 * @param vouchersIssued VOUCHER_ISSUED events
 */
public record CampaignFigures(
        String campaign, long pointsIssued, long pointsRedeemed, long stampsIssued, long vouchersIssued) {}
