package org.loyaltyterminal.terminal.visit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;
import org.loyaltyterminal.device.scan.ScanEvent;

/**
 * Decides what a scan is, once. The order is fixed and documented: control codes (close visit,
 * reprint voucher), voucher, refund, receipt, member card; anything else is one of the campaign
 * bundle's codes (the reward offer's take code, a referral code, a reward's control code, in that
 * order) or else a product. Control codes and vouchers come first because they are the most
 * specific formats; member cards come after receipts so that a receipt format can never be
 * shadowed by a broad card pattern.
 */
public final class ScanClassifier {
    private final List<CardFormat> memberCards;
    private final ReceiptFormat receipt;
    private final Pattern voucherCode;
    private final String closeVisitCode;
    private final String reprintVoucherCode;
    private final Optional<RefundFormat> refund;

    public ScanClassifier(
            List<CardFormat> memberCards,
            ReceiptFormat receipt,
            Pattern voucherCode,
            String closeVisitCode,
            String reprintVoucherCode) {
        this(memberCards, receipt, voucherCode, closeVisitCode, reprintVoucherCode, Optional.empty());
    }

    /** @param refund the refund barcode, when the till prints one ({@code receipt.refund-pattern}) */
    public ScanClassifier(
            List<CardFormat> memberCards,
            ReceiptFormat receipt,
            Pattern voucherCode,
            String closeVisitCode,
            String reprintVoucherCode,
            Optional<RefundFormat> refund) {
        this.refund = refund;
        this.memberCards = List.copyOf(memberCards);
        this.receipt = receipt;
        this.voucherCode = voucherCode;
        this.closeVisitCode = closeVisitCode;
        this.reprintVoucherCode = reprintVoucherCode;
    }

    /**
     * Whether a member number read from a card (an NDEF record, no barcode symbology) has the
     * shape of a configured member card; symbology restrictions do not apply to it.
     */
    public boolean isMemberNumber(String number) {
        for (CardFormat format : memberCards) {
            if (format.pattern().matcher(number).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the scan is, with everything its handler needs.
     *
     * @param bundle the campaign bundle in force for this scan: it names the take, referral and reward codes
     */
    public ScanKind classify(ScanEvent scan, CampaignBundle bundle) {
        String payload = scan.payload();
        if (payload.equals(closeVisitCode)) {
            return new ScanKind.CloseVisit();
        }
        if (payload.equals(reprintVoucherCode)) {
            return new ScanKind.ReprintVoucher();
        }
        if (voucherCode.matcher(payload).matches()) {
            return new ScanKind.VoucherCode(payload);
        }
        Optional<RefundFormat.RefundScanned> refund = this.refund.flatMap(f -> f.parse(payload));
        if (refund.isPresent()) {
            return new ScanKind.Refund(refund.get());
        }
        Optional<ReceiptScanned> receipt = this.receipt.parse(payload);
        if (receipt.isPresent()) {
            return new ScanKind.Receipt(receipt.get());
        }
        // each card pattern runs once per scan, without allocating: every item passes through here
        CardFormat wrongSymbology = null;
        for (CardFormat format : memberCards) {
            if (format.pattern().matcher(payload).matches()) {
                if (format.allows(scan.symbology())) {
                    return new ScanKind.MemberCard(payload);
                }
                if (wrongSymbology == null) {
                    wrongSymbology = format;
                }
            }
        }
        if (wrongSymbology != null) {
            return new ScanKind.MemberCardInWrongSymbology(
                    payload,
                    scan.symbology().name(),
                    wrongSymbology.symbologies().stream()
                            .map(Enum::name)
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        return campaignCode(payload, bundle);
    }

    private static ScanKind campaignCode(String code, CampaignBundle bundle) {
        if (bundle.isTakeCode(code)) {
            return new ScanKind.TakeOffer();
        }
        if (bundle.programme().referral().flatMap(r -> r.referrer(code)).isPresent()) {
            return new ScanKind.ReferralCode(code);
        }
        Optional<Reward> reward = bundle.rewardByControlCode(code);
        if (reward.isPresent()) {
            return new ScanKind.RewardCode(reward.get());
        }
        return new ScanKind.Item(code, bundle.product(code));
    }
}
