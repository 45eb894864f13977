package org.loyaltyterminal.terminal.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.voucher.VoucherCheck;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.IssuedVoucher;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.NotEnoughPointsException;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.RedeemedVoucher;
import org.loyaltyterminal.terminal.ledger.RewardPurchase;
import org.loyaltyterminal.terminal.ledger.VoucherGrant;
import org.loyaltyterminal.terminal.ledger.VoucherPrint;
import org.loyaltyterminal.terminal.ledger.VoucherRedemption;
import org.loyaltyterminal.terminal.print.VoucherPrinter;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/**
 * The voucher side of a visit: which vouchers an award earns, buying a reward with points,
 * redeeming a scanned or typed code, and reprinting the last voucher. Runs on the scan thread
 * under the processor's lock; printing is handed to {@link VoucherPrinter}, which never blocks.
 */
public final class VoucherDesk {
    private final VoucherConfig config;
    private final VoucherCodec codec;
    private final LoyaltyStore store;
    private final Optional<VoucherPrinter> printer;
    /** Prints recorded in the scan's transaction and not yet queued; the scan thread's alone. */
    private final List<VoucherPrint> recorded = new ArrayList<>();

    /** @param printer empty when vouchers are off (no key) */
    public VoucherDesk(VoucherConfig config, VoucherCodec codec, LoyaltyStore store, Optional<VoucherPrinter> printer) {
        this.config = config;
        this.codec = codec;
        this.store = store;
        this.printer = printer;
    }

    /** A desk for a terminal without vouchers: codes are refused, nothing is issued. */
    public static VoucherDesk off(VoucherConfig config, LoyaltyStore store) {
        return new VoucherDesk(config, new VoucherCodec(), store, Optional.empty());
    }

    /** The vouchers the awards earn: one per completed card of a stamp card that names a reward. */
    List<VoucherGrant> grants(List<Award> awards, CampaignBundle bundle, Instant at) {
        if (!config.enabled()) {
            return List.of();
        }
        List<VoucherGrant> grants = new ArrayList<>();
        for (Award award : awards) {
            if (award instanceof Award.StampCardCompleted completed) {
                bundle.voucherFor(completed.campaignId())
                        .ifPresent(reward -> grants.add(new VoucherGrant(
                                config.terminalNumber(), reward, completed.campaignId(), validThrough(reward, at))));
            }
            if (award instanceof Award.VoucherEarned earned) {
                bundle.reward(earned.rewardId())
                        .ifPresent(reward -> grants.add(new VoucherGrant(
                                config.terminalNumber(), reward, earned.campaignId(), validThrough(reward, at))));
            }
        }
        return List.copyOf(grants);
    }

    /** The issue day counts as the first day of validity, in the store's time zone. */
    LocalDate validThrough(Reward reward, Instant at) {
        return VoucherCode.lastDay(LocalDate.ofInstant(at, config.zone()), reward.validDays());
    }

    /**
     * Records a print of each voucher among {@code entries} in the scan's transaction; they go to
     * the printer when {@link #queueRecordedPrints} is called after the commit.
     */
    void printIssued(List<LedgerEntry> entries, EventTime time) {
        if (printer.isEmpty()) {
            return;
        }
        for (LedgerEntry entry : entries) {
            if (entry.kind() == LedgerKind.VOUCHER_ISSUED) {
                store.issuedVoucher(entry.reference())
                        .ifPresent(v -> recorded.add(printer.get().record(v, VoucherPrint.Kind.ISSUE, time)));
            }
        }
    }

    /** The scan's transaction committed: its prints go to the printer's queue. */
    void queueRecordedPrints() {
        printer.ifPresent(p -> recorded.forEach(p::submit));
        recorded.clear();
    }

    /** The scan's transaction rolled back: its prints were never recorded. */
    void forgetRecordedPrints() {
        recorded.clear();
    }

    ScanOutcome buy(Reward reward, OpenVisit visit, CampaignBundle bundle, EventTime time) {
        if (!config.enabled()) {
            return off();
        }
        VoucherGrant grant =
                new VoucherGrant(config.terminalNumber(), reward, reward.id(), validThrough(reward, time.wall()));
        LedgerEntry entry;
        try {
            entry = store.buyReward(
                    new RewardPurchase(visit.memberCard(), visit.visitId(), grant, bundle.version(), time));
        } catch (NotEnoughPointsException e) {
            return new Refused(RefusalReason.NOT_ENOUGH_POINTS, e.getMessage() + "; no change made");
        }
        printIssued(List.of(entry), time);
        return new ScanOutcome.RewardBought(
                visit.visitId(),
                Redaction.mask(visit.memberCard()),
                VoucherCode.labelOf(entry.reference()),
                reward.text(),
                entry,
                store.memberState(visit.memberCard()));
    }

    ScanOutcome redeem(String typed, Optional<OpenVisit> visit, CampaignBundle bundle, EventTime time) {
        if (config.key().isEmpty()) {
            return off();
        }
        LocalDate today = LocalDate.ofInstant(time.wall(), config.zone());
        return switch (codec.verify(typed, config.key().get(), today)) {
            case VoucherCheck.Malformed m ->
                new Refused(RefusalReason.VOUCHER_MALFORMED, m.message() + "; no change made");
            case VoucherCheck.CheckCharacterWrong w ->
                new Refused(RefusalReason.VOUCHER_MISTYPED, w.message() + "; no change made");
            case VoucherCheck.SignatureInvalid f ->
                new Refused(RefusalReason.VOUCHER_FORGED, f.message() + "; no change made");
            case VoucherCheck.Expired e -> new Refused(RefusalReason.VOUCHER_EXPIRED, e.message() + "; no change made");
            case VoucherCheck.Valid v -> redeemGenuine(v.code(), visit, bundle, time);
        };
    }

    private ScanOutcome redeemGenuine(
            VoucherCode code, Optional<OpenVisit> visit, CampaignBundle bundle, EventTime time) {
        boolean issuedHere = code.terminal() == config.terminalNumber();
        Optional<IssuedVoucher> record = issuedHere ? store.issuedVoucher(code.reference()) : Optional.empty();
        if (issuedHere && record.isEmpty()) {
            return new Refused(
                    RefusalReason.VOUCHER_UNKNOWN,
                    code.label() + " carries this till's number but this till "
                            + "never issued it; if another till uses terminal number " + code.terminal()
                            + ", give each till its own terminal.number; no change made");
        }
        Optional<RedeemedVoucher> earlier = store.redemption(code.reference());
        if (earlier.isPresent()) {
            return alreadyRedeemed(earlier.get(), code);
        }
        String rewardId;
        String rewardText;
        long value;
        RewardScope scope;
        if (record.isPresent()) {
            rewardId = record.get().rewardId();
            rewardText = record.get().rewardText();
            value = record.get().valueCents();
            scope = record.get().scope();
        } else {
            Optional<Reward> reward = bundle.rewardInSlot(code.rewardSlot());
            if (reward.isEmpty()) {
                return new Refused(
                        RefusalReason.VOUCHER_REWARD_UNKNOWN,
                        code.label() + " is genuine but its reward (slot "
                                + code.rewardSlot() + ") is not in the reward catalogue of campaign version "
                                + bundle.version()
                                + "; ask HQ to restore the reward; no change made");
            }
            rewardId = reward.get().id();
            rewardText = reward.get().text();
            value = reward.get().valueCents();
            scope = reward.get().scope();
        }
        if (scope == RewardScope.STORE && !config.storeTerminals().contains(code.terminal())) {
            return new Refused(
                    RefusalReason.VOUCHER_NOT_VALID_HERE,
                    code.label() + " (" + rewardText + ") is valid only in "
                            + "the store that issued it (till " + code.terminal() + " is not one of this store's tills "
                            + config.storeTerminals() + "); no change made");
        }
        if (!issuedHere && !config.foreign().accepts(value)) {
            return new Refused(
                    RefusalReason.VOUCHER_FOREIGN_REFUSED,
                    code.label() + " (" + rewardText + ", " + value
                            + " cents) was issued at till " + code.terminal() + "; this till's offline policy is to "
                            + config.foreign().describe() + "; no change made");
        }
        Optional<String> member = record.map(IssuedVoucher::memberCard).or(() -> visit.map(OpenVisit::memberCard));
        LedgerEntry entry = store.redeem(new VoucherRedemption(
                code,
                member,
                rewardId,
                value,
                issuedHere,
                bundle.version(),
                visit.map(OpenVisit::visitId).orElse(""),
                time));
        return new ScanOutcome.VoucherRedeemed(code.label(), rewardText, value, issuedHere, entry);
    }

    static Refused alreadyRedeemed(RedeemedVoucher earlier, VoucherCode code) {
        return new Refused(
                RefusalReason.VOUCHER_ALREADY_REDEEMED,
                code.label() + " was already redeemed at " + earlier.at() + " (" + earlier.where()
                        + "); no change made");
    }

    ScanOutcome reprintLast(EventTime time) {
        if (printer.isEmpty()) {
            return off();
        }
        if (!printer.get().hasPrinter()) {
            return new Refused(
                    RefusalReason.NO_PRINTER, "no printer is configured on this terminal; nothing to reprint on");
        }
        Optional<IssuedVoucher> last = store.lastIssuedVoucher();
        if (last.isEmpty()) {
            return new Refused(
                    RefusalReason.NOTHING_TO_REPRINT, "this terminal has issued no voucher yet; nothing to reprint");
        }
        recorded.add(printer.get().record(last.get(), VoucherPrint.Kind.REPRINT, time));
        return new ScanOutcome.VoucherReprinted(last.get().code().label());
    }

    private static Refused off() {
        return new Refused(
                RefusalReason.VOUCHER_REDEMPTION_OFF,
                "vouchers are switched off on this terminal (no voucher.key-file); no change made");
    }
}
