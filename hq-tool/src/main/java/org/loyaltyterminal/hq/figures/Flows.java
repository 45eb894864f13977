package org.loyaltyterminal.hq.figures;

/**
 * What happened in a stretch of time (a period, a day, a week); see docs/hq-tool.md,
 * "Programme figures", for each definition.
 *
 * @param visits           distinct visits (terminal, visit id) with a member's visit event, each
 *     counted at its first such event in the stretch
 * @param enrolments       members whose first enrolment in the chain falls in the stretch
 * @param pointsIssued     positive points deltas, HQ_BALANCE rows left out
 * @param pointsRedeemed   points spent on vouchers: the negated points of VOUCHER_ISSUED events
 * @param vouchersIssued   VOUCHER_ISSUED events
 * @param vouchersRedeemed VOUCHER_REDEEMED events
 */
public record Flows(
        long visits,
        long enrolments,
        long pointsIssued,
        long pointsRedeemed,
        long vouchersIssued,
        long vouchersRedeemed) {
    public static final Flows ZERO = new Flows(0, 0, 0, 0, 0, 0);

    public Flows plus(Flows other) {
        return new Flows(
                visits + other.visits,
                enrolments + other.enrolments,
                pointsIssued + other.pointsIssued,
                pointsRedeemed + other.pointsRedeemed,
                vouchersIssued + other.vouchersIssued,
                vouchersRedeemed + other.vouchersRedeemed);
    }
}
