package org.loyaltyterminal.terminal.visit;

import java.util.function.Supplier;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.device.nfc.CardListener;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.ScanListener;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.loyaltyterminal.terminal.visit.ScanOutcome.ClosedVisit;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The till's entry for every scan and card read: a scan is classified once ({@link ScanClassifier}),
 * handed to the handler of its kind inside one unit of work of the store ({@link ScanUnit}), and
 * only after the commit the till is told. Serialised: scans and card reads from every listener
 * thread come through this object's lock one at a time, so a visit never sees two scans at once and
 * the handlers, the visit state and the pending card link need no locking of their own.
 */
public final class ScanProcessor implements ScanListener, CardListener {
    private static final Logger log = LoggerFactory.getLogger(ScanProcessor.class);

    private final ScanClassifier classifier;
    private final VisitTracker visits;
    private final Supplier<CampaignBundle> rules;
    private final TerminalClock clock;
    private final TillFeedback feedback;
    private final CommitLatencies latencies;
    private final VoucherDesk vouchers;
    private final ScanUnit unit;
    private final CardReadScan cardReads;
    private final MemberCardScan memberCards;
    private final CloseVisitScan closeVisit;
    private final ItemScan items;
    private final ReceiptScan receipts;
    private final RefundScan refunds;
    private final VoucherScan voucherCodes;
    private final ReferralScan referrals;
    private final RewardScan rewards;
    private final TakeOfferScan takeOffer;

    /** A processor whose visits use this till's balances alone (no HQ lookups). */
    public ScanProcessor(
            ScanClassifier classifier,
            VisitTracker visits,
            LoyaltyEngine engine,
            Supplier<CampaignBundle> rules,
            LoyaltyStore store,
            TerminalClock clock,
            TillFeedback feedback,
            CommitLatencies latencies,
            CardRules cards,
            VoucherDesk vouchers,
            RuleSite site) {
        this(
                classifier,
                visits,
                engine,
                rules,
                store,
                clock,
                feedback,
                latencies,
                cards,
                vouchers,
                site,
                BalanceLookup.off());
    }

    /**
     * @param site    where this terminal stands, for campaign scopes, schedules and per-day limits
     * @param lookups asks HQ for a member's balance when a visit opens, without waiting
     */
    public ScanProcessor(
            ScanClassifier classifier,
            VisitTracker visits,
            LoyaltyEngine engine,
            Supplier<CampaignBundle> rules,
            LoyaltyStore store,
            TerminalClock clock,
            TillFeedback feedback,
            CommitLatencies latencies,
            CardRules cards,
            VoucherDesk vouchers,
            RuleSite site,
            BalanceLookup lookups) {
        this.classifier = classifier;
        this.visits = visits;
        this.rules = rules;
        this.clock = clock;
        this.feedback = feedback;
        this.latencies = latencies;
        this.vouchers = vouchers;
        VisitBasket basket = new VisitBasket();
        AwardStep awards = new AwardStep(engine, store, clock, vouchers, site, basket);
        this.unit = new ScanUnit(store, visits, basket, vouchers);
        this.memberCards = new MemberCardScan(visits, basket, store, clock, awards, lookups);
        this.closeVisit = new CloseVisitScan(visits);
        this.cardReads = new CardReadScan(classifier, visits, store, clock, cards, memberCards);
        this.items = new ItemScan(visits, basket, awards);
        this.receipts = new ReceiptScan(visits, store, awards);
        this.refunds = new RefundScan(visits, store, clock);
        this.voucherCodes = new VoucherScan(visits, vouchers, clock);
        this.referrals = new ReferralScan(visits, basket, store, clock, awards);
        this.rewards = new RewardScan(visits, vouchers, clock);
        this.takeOffer = new TakeOfferScan(visits, store, rewards);
    }

    @Override
    public synchronized void onScan(ScanEvent scan) {
        signal(process(scan), scan.monotonicNanos());
    }

    /** A contactless card: it opens a visit exactly as the member card it is linked to would. */
    @Override
    public synchronized void onCard(CardRead read) {
        signal(processCard(read), read.monotonicNanos());
    }

    private void signal(ScanOutcome outcome, long scannedNanos) {
        if (outcome.committed()) {
            latencies.record(clock.ticker().nanos() - scannedNanos);
        }
        feedback.signal(outcome);
    }

    /** Closes an idle visit; called by the daemon's housekeeping so a timeout shows without a scan. */
    public synchronized void expireIdleVisit() {
        expireIfIdle(clock.ticker().nanos());
    }

    /** The reprint control code's action, for a request from the command line; serialised with scans. */
    public synchronized ScanOutcome reprintLastVoucher() {
        ScanOutcome outcome;
        try {
            outcome = unit.run("reprint the last voucher", () -> vouchers.reprintLast(clock.now()));
        } catch (StorageException e) {
            log.error("reprint not recorded: {}", e.getMessage());
            outcome = new Refused(RefusalReason.STORAGE_FAILED, "reprint not recorded (storage failed); try again");
        }
        feedback.signal(outcome);
        return outcome;
    }

    /** Ends the visit in progress at shutdown. */
    public synchronized void closeOpenVisit() {
        visits.close()
                .ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(ClosedVisit.of(v, CloseReason.SHUTDOWN))));
    }

    ScanOutcome process(ScanEvent scan) {
        long now = scan.monotonicNanos();
        expireIfIdle(now);
        if (visits.isRepeat(scan.payload(), now)) {
            return new ScanOutcome.Repeated(scan.symbology().name());
        }
        CampaignBundle bundle = rules.get();
        ScanKind kind = classifier.classify(scan, bundle);
        try {
            return unit.run("record a scan", () -> handle(kind, bundle, now));
        } catch (StorageException e) {
            visits.forgetLastScan();
            log.error("scan not recorded: {}", e.getMessage());
            return new Refused(
                    RefusalReason.STORAGE_FAILED, "not recorded (storage failed); ask the member to try again");
        } catch (ArithmeticException | IllegalArgumentException e) {
            log.error(
                    "scan not recorded: campaign rules failed on a {} scan: {}",
                    kind.getClass().getSimpleName(),
                    e.getMessage());
            return new Refused(RefusalReason.RULE_FAILED, "not recorded (campaign rules failed); no change made");
        }
    }

    private ScanOutcome handle(ScanKind kind, CampaignBundle bundle, long now) {
        return switch (kind) {
            case ScanKind.MemberCard card -> memberCards.handle(card, bundle, now);
            case ScanKind.MemberCardInWrongSymbology wrong -> MemberCardScan.wrongSymbology(wrong);
            case ScanKind.CloseVisit close -> closeVisit.handle(close, bundle, now);
            case ScanKind.ReprintVoucher _ -> vouchers.reprintLast(clock.now());
            case ScanKind.VoucherCode voucher -> voucherCodes.handle(voucher, bundle, now);
            case ScanKind.TakeOffer take -> takeOffer.handle(take, bundle, now);
            case ScanKind.ReferralCode referral -> referrals.handle(referral, bundle, now);
            case ScanKind.RewardCode reward -> rewards.handle(reward, bundle, now);
            case ScanKind.Item item -> items.handle(item, bundle, now);
            case ScanKind.Receipt receipt -> receipts.handle(receipt, bundle, now);
            case ScanKind.Refund refund -> refunds.handle(refund, bundle, now);
        };
    }

    ScanOutcome processCard(CardRead read) {
        long now = read.monotonicNanos();
        expireIfIdle(now);
        CampaignBundle bundle = rules.get();
        try {
            return unit.run("record a card", () -> cardReads.handle(read, bundle, now));
        } catch (StorageException e) {
            visits.forgetLastScan();
            log.error("card not recorded: {}", e.getMessage());
            return new Refused(RefusalReason.STORAGE_FAILED, "not recorded (storage failed); present the card again");
        }
    }

    private void expireIfIdle(long now) {
        visits.expireIfIdle(now)
                .ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(ClosedVisit.of(v, CloseReason.TIMEOUT))));
    }
}
