package org.loyaltyterminal.terminal.visit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.Referrals;
import org.loyaltyterminal.core.engine.RuleTime;
import org.loyaltyterminal.core.engine.Situation;
import org.loyaltyterminal.core.engine.VisitInput;
import org.loyaltyterminal.device.nfc.CardListener;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.ScanListener;
import org.loyaltyterminal.terminal.card.CardIdentities;
import org.loyaltyterminal.terminal.card.CardRules;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.ReceiptAlreadyCreditedException;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.ReferralCommit;
import org.loyaltyterminal.terminal.ledger.Refund;
import org.loyaltyterminal.terminal.ledger.RefundAlreadyProcessedException;
import org.loyaltyterminal.terminal.ledger.RefundRefusedException;
import org.loyaltyterminal.terminal.ledger.RefundResult;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.loyaltyterminal.terminal.ledger.VoucherAlreadyRedeemedException;
import org.loyaltyterminal.terminal.visit.ScanOutcome.ClosedVisit;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanOutcome.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visit's flow: a scan is classified, the visit state machine moves, the engine decides the
 * awards, the store commits them, and only then the till is told. Serialised: scans from every
 * source come through {@link #onScan} one at a time, so a visit never sees two scans at once.
 */
public final class ScanProcessor implements ScanListener, CardListener {
    private static final Logger log = LoggerFactory.getLogger(ScanProcessor.class);

    private final ScanClassifier classifier;
    private final VisitTracker visits;
    private final LoyaltyEngine engine;
    private final Supplier<CampaignBundle> rules;
    // Scans are handled one at a time (this object's lock): no other thread reads these.
    private CampaignBundle needsFor;
    private HistoryNeeds needs = HistoryNeeds.ALL;
    private final LoyaltyStore store;
    private final TerminalClock clock;
    private final TillFeedback feedback;
    private final CommitLatencies latencies;
    private final CardRules cards;
    private final VoucherDesk vouchers;
    private final RuleSite site;
    /** The items of the open visit so far, for points on items, exclusions and buy X get Y. */
    private List<VisitInput.ItemScanned> visitItems = new java.util.ArrayList<>();
    /** The open visit enrolled its member: a referral code counts in it. */
    private boolean visitEnrolled;
    /** The last synchronised clock reading of this boot: rules use it plus monotonic time when the clock is not trusted. */
    private Optional<RuleTime.Anchor> lastTrusted = Optional.empty();
    /** A card waiting to be linked to the member card scanned next (policy LINK_NEXT). */
    private Optional<PendingLink> pendingLink = Optional.empty();

    private record PendingLink(String cardIdentity, long sinceNanos) {}

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
            VoucherDesk vouchers) {
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
                new RuleSite("", "", java.time.ZoneOffset.UTC));
    }

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
        this.site = site;
        this.classifier = classifier;
        this.visits = visits;
        this.engine = engine;
        this.rules = rules;
        this.store = store;
        this.clock = clock;
        this.feedback = feedback;
        this.latencies = latencies;
        this.cards = cards;
        this.vouchers = vouchers;
    }

    @Override
    public synchronized void onScan(ScanEvent scan) {
        ScanOutcome outcome = process(scan);
        if (committed(outcome)) {
            latencies.record(clock.ticker().nanos() - scan.monotonicNanos());
        }
        feedback.signal(outcome);
    }

    /** A contactless card: it opens a visit exactly as the member card it is linked to would. */
    @Override
    public synchronized void onCard(CardRead read) {
        ScanOutcome outcome = processCard(read);
        if (committed(outcome)) {
            latencies.record(clock.ticker().nanos() - read.monotonicNanos());
        }
        feedback.signal(outcome);
    }

    ScanOutcome processCard(CardRead read) {
        long now = read.monotonicNanos();
        visits.expireIfIdle(now)
                .ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(closed(v, CloseReason.TIMEOUT))));
        try {
            return inOneTransaction("record a card", () -> cardInTransaction(read, now));
        } catch (StorageException e) {
            visits.forgetLastScan();
            log.error("card not recorded: {}", e.getMessage());
            return new Refused(RefusalReason.STORAGE_FAILED, "not recorded (storage failed); present the card again");
        }
    }

    private ScanOutcome cardInTransaction(CardRead read, long now) {
        if (read.memberNumber().isPresent()) {
            String number = read.memberNumber().get();
            if (visits.isRepeat(number, now)) {
                return new ScanOutcome.Repeated("NFC");
            }
            if (!classifier.isMemberNumber(number)) {
                return new Refused(
                        RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD,
                        "the card's member number matches no "
                                + "configured member card format; check member.card.N.pattern; no change made");
            }
            return memberCard(number, now);
        }
        return switch (cards) {
            case CardRules.Disabled _ ->
                new Refused(
                        RefusalReason.CARDS_NOT_CONFIGURED,
                        "contactless cards are not configured on this terminal; no change made");
            case CardRules.Enabled enabled ->
                cardByIdentity(enabled, enabled.identities().identify(read.uid()), now);
        };
    }

    private ScanOutcome cardByIdentity(CardRules.Enabled rules, String identity, long now) {
        String key = "card:" + identity;
        if (visits.isRepeat(key, now)) {
            return new ScanOutcome.Repeated("NFC");
        }
        ScanOutcome outcome = cardOutcome(rules, identity, now);
        visits.remember(key, now);
        return outcome;
    }

    private ScanOutcome cardOutcome(CardRules.Enabled rules, String identity, long now) {
        Optional<String> member = store.memberForCard(identity);
        if (member.isPresent()) {
            return memberCard(member.get(), now);
        }
        String shortCard = CardIdentities.shortForm(identity);
        return switch (rules.unknownCards()) {
            case ENROL -> {
                String memberId = "nfc-" + identity.substring(0, 16);
                ScanOutcome opened = memberCard(memberId, now);
                if (!(opened instanceof ScanOutcome.VisitOpened visit)) {
                    yield opened;
                }
                List<LedgerEntry> entries = store.linkCard(identity, memberId, visit.visitId(), clock.now());
                List<LedgerEntry> all =
                        new java.util.ArrayList<>(visit.enrolment().stream().toList());
                all.addAll(entries);
                yield new ScanOutcome.CardLinked(shortCard, visit.maskedCard(), all, visit);
            }
            case LINK_NEXT -> {
                pendingLink = Optional.of(new PendingLink(identity, now));
                yield new Refused(
                        RefusalReason.CARD_NOT_LINKED,
                        "contactless " + shortCard
                                + " is not linked to a member; scan the member's card now to link it");
            }
            case REFUSE ->
                new Refused(
                        RefusalReason.CARD_NOT_LINKED,
                        "contactless " + shortCard
                                + " is not linked to a member and this terminal does not link cards; no change made");
        };
    }

    private static boolean committed(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.CardLinked _ -> true;
            case ScanOutcome.VisitOpened o ->
                o.enrolment().isPresent() || !o.awards().isEmpty();
            case ScanOutcome.ItemRecorded o -> !o.entries().isEmpty();
            case ScanOutcome.ReceiptCredited _,
                    ScanOutcome.VoucherRedeemed _,
                    ScanOutcome.RewardBought _,
                    ScanOutcome.RefundProcessed _ -> true;
            case ScanOutcome.VoucherReprinted _,
                    ScanOutcome.VisitContinued _,
                    ScanOutcome.VisitClosed _,
                    ScanOutcome.Repeated _,
                    ScanOutcome.Refused _ -> false;
        };
    }

    /** Closes an idle visit; called by the daemon's housekeeping so a timeout shows without a scan. */
    public synchronized void expireIdleVisit() {
        visits.expireIfIdle(clock.ticker().nanos())
                .ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(closed(v, CloseReason.TIMEOUT))));
    }

    /**
     * The reprint control code's action, for a request from the command line; serialised with
     * scans so the "last voucher" cannot change under it.
     */
    public synchronized ScanOutcome reprintLastVoucher() {
        ScanOutcome outcome;
        try {
            outcome = inOneTransaction("reprint the last voucher", () -> vouchers.reprintLast(clock.now()));
        } catch (StorageException e) {
            log.error("reprint not recorded: {}", e.getMessage());
            outcome = new Refused(RefusalReason.STORAGE_FAILED, "reprint not recorded (storage failed); try again");
        }
        feedback.signal(outcome);
        return outcome;
    }

    /**
     * Runs one scan's reads, the engine's decision and its writes in one transaction of the
     * store, so nothing (HQ's member updates) changes the member between what the rules judged
     * and what is written, and the scan costs one sync. Prints recorded in it are queued only
     * after it committed; if it fails, the visit's in-memory state goes back to what the store
     * holds.
     */
    private ScanOutcome inOneTransaction(String what, Supplier<ScanOutcome> work) {
        Optional<String> visitBefore = visits.current().map(OpenVisit::visitId);
        int itemsBefore = visitItems.size();
        try {
            ScanOutcome outcome = store.inOneTransaction(what, work);
            vouchers.queueRecordedPrints();
            return outcome;
        } catch (RuntimeException e) {
            vouchers.forgetRecordedPrints();
            if (!visits.current().map(OpenVisit::visitId).equals(visitBefore)) {
                visits.close();
            } else if (visitItems.size() > itemsBefore) {
                visitItems = new java.util.ArrayList<>(visitItems.subList(0, itemsBefore));
            }
            throw e;
        }
    }

    /** Ends the visit in progress at shutdown. */
    public synchronized void closeOpenVisit() {
        visits.close().ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(closed(v, CloseReason.SHUTDOWN))));
    }

    ScanOutcome process(ScanEvent scan) {
        long now = scan.monotonicNanos();
        Optional<OpenVisit> expired = visits.expireIfIdle(now);
        expired.ifPresent(v -> feedback.signal(new ScanOutcome.VisitClosed(closed(v, CloseReason.TIMEOUT))));
        if (visits.isRepeat(scan.payload(), now)) {
            return new ScanOutcome.Repeated(scan.symbology().name());
        }
        ScanKind kind = classifier.classify(scan);
        try {
            return inOneTransaction("record a scan", () -> switch (kind) {
                case ScanKind.MemberCard card -> memberCard(card.number(), now);
                case ScanKind.MemberCardInWrongSymbology wrong ->
                    new Refused(
                            RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD,
                            "member card " + Redaction.mask(wrong.number()) + " arrived as " + wrong.symbology()
                                    + "; member cards are read only as " + wrong.allowed()
                                    + " (member.card.N.symbologies); no change made");
                case ScanKind.CloseVisit close -> closeVisit();
                case ScanKind.ReprintVoucher reprint -> vouchers.reprintLast(clock.now());
                case ScanKind.VoucherCode voucher -> redeem(voucher.code(), now);
                case ScanKind.Item item ->
                    rules.get().isTakeCode(item.code())
                            ? takeOffered(now)
                            : referral(item.code(), now)
                                    .orElseGet(() -> rules.get()
                                            .rewardByControlCode(item.code())
                                            .map(reward -> buy(reward, now))
                                            .orElseGet(() -> item(item.code(), now)));
                case ScanKind.Receipt receipt -> receipt(receipt.receipt(), now);
                case ScanKind.Refund refund -> refund(refund.refund(), now);
            });
        } catch (ReceiptAlreadyCreditedException e) {
            return new Refused(RefusalReason.RECEIPT_ALREADY_CREDITED, e.getMessage() + "; no change made");
        } catch (RefundAlreadyProcessedException e) {
            return new Refused(RefusalReason.REFUND_ALREADY_PROCESSED, e.getMessage() + "; no change made");
        } catch (RefundRefusedException e) {
            return new Refused(RefusalReason.REFUND_ORIGINAL_UNKNOWN, e.getMessage());
        } catch (VoucherAlreadyRedeemedException e) {
            return new Refused(RefusalReason.VOUCHER_ALREADY_REDEEMED, e.getMessage() + "; no change made");
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

    private ScanOutcome memberCard(String card, long now) {
        Optional<PendingLink> link =
                pendingLink.filter(p -> now - p.sinceNanos() < visits.timeout().toNanos());
        pendingLink = Optional.empty();
        ScanOutcome opened = openVisit(card, now);
        if (link.isPresent()) {
            List<LedgerEntry> entries = new java.util.ArrayList<>();
            String visitId;
            switch (opened) {
                case ScanOutcome.VisitOpened visit -> {
                    entries.addAll(visit.enrolment().stream().toList());
                    visitId = visit.visitId();
                }
                case ScanOutcome.VisitContinued visit -> visitId = visit.visitId();
                case ScanOutcome.VisitClosed _,
                        ScanOutcome.ItemRecorded _,
                        ScanOutcome.ReceiptCredited _,
                        ScanOutcome.Repeated _,
                        ScanOutcome.Refused _,
                        ScanOutcome.CardLinked _,
                        ScanOutcome.VoucherRedeemed _,
                        ScanOutcome.RewardBought _,
                        ScanOutcome.VoucherReprinted _,
                        ScanOutcome.RefundProcessed _ -> {
                    return opened;
                }
            }
            entries.addAll(store.linkCard(link.get().cardIdentity(), card, visitId, clock.now()));
            return new ScanOutcome.CardLinked(
                    CardIdentities.shortForm(link.get().cardIdentity()), Redaction.mask(card), entries, opened);
        }
        return opened;
    }

    private ScanOutcome openVisit(String card, long now) {
        Optional<OpenVisit> current = visits.current();
        if (current.isPresent() && current.get().memberCard().equals(card)) {
            visits.touch(now);
            return new ScanOutcome.VisitContinued(current.get().visitId(), Redaction.mask(card));
        }
        Optional<ClosedVisit> previous = visits.close().map(v -> closed(v, CloseReason.NEXT_MEMBER));
        String visitId = visits.open(card, now).visitId();
        visitItems = new java.util.ArrayList<>();
        visitEnrolled = false;
        Optional<LedgerEntry> enrolment = Optional.empty();
        List<LedgerEntry> awarded;
        try {
            if (!store.isMember(card)) {
                enrolment = Optional.of(store.enrol(card, visitId, clock.now()));
                visitEnrolled = true;
            }
            // The visit itself is recorded (visit counts, safeguards) with any bonus it earns.
            CampaignBundle bundle = rules.get();
            EventTime time = clock.now();
            MemberState before = store.memberState(card, historyNeeds(bundle));
            List<Award> awards = engine.evaluate(
                    new VisitInput.VisitOpened(enrolment.isPresent()), before, bundle, situation(time, visitId));
            awarded = store.commit(new AwardCommit.VisitOpened(card, visitId, awards, bundle.version(), time));
        } catch (StorageException | ArithmeticException | IllegalArgumentException e) {
            visits.close();
            throw e;
        }
        MemberState after = store.memberState(card, historyNeeds(rules.get()));
        return new ScanOutcome.VisitOpened(
                visitId,
                Redaction.mask(card),
                enrolment,
                after,
                previous,
                awarded,
                offered(rules.get(), after.points()));
    }

    /** The reward the bundle's policy offers a member with {@code points}, for the cashier's line. */
    private static Optional<ScanOutcome.RewardOffered> offered(CampaignBundle bundle, long points) {
        return bundle.offerFor(points)
                .map(reward -> new ScanOutcome.RewardOffered(
                        reward.text(),
                        reward.pointsCost().orElseThrow(),
                        reward.spendsAllPoints(),
                        bundle.programme().rewardOffer().orElseThrow().takeCode()));
    }

    private ScanOutcome closeVisit() {
        return visits.close()
                .<ScanOutcome>map(v -> new ScanOutcome.VisitClosed(closed(v, CloseReason.CLOSE_CODE)))
                .orElseGet(() -> new Refused(RefusalReason.NO_VISIT_OPEN, "no visit is open; nothing to close"));
    }

    private ScanOutcome item(String code, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return noVisit("item");
        }
        visits.touch(now);
        String card = visit.get().memberCard();
        CampaignBundle bundle = rules.get();
        EventTime time = clock.now();
        MemberState before = store.memberState(card, historyNeeds(bundle));
        VisitInput.ItemScanned scanned = new VisitInput.ItemScanned(code, 1);
        List<Award> awards = engine.evaluate(
                scanned, before, bundle, situation(time, visit.get().visitId()));
        List<LedgerEntry> entries = awards.isEmpty()
                ? List.of()
                : store.commit(new AwardCommit.ItemAwards(
                        card,
                        visit.get().visitId(),
                        code,
                        awards,
                        bundle.version(),
                        time,
                        vouchers.grants(awards, bundle, time.wall())));
        visitItems.add(scanned);
        vouchers.printIssued(entries, time);
        return new ScanOutcome.ItemRecorded(
                visit.get().visitId(), Redaction.mask(card), code, bundle.product(code), entries, before.after(awards));
    }

    /** What the bundle in force reads of a member's history, worked out once per bundle, not per scan. */
    private HistoryNeeds historyNeeds(CampaignBundle bundle) {
        if (bundle != needsFor) {
            needs = HistoryNeeds.of(bundle);
            needsFor = bundle;
        }
        return needs;
    }

    /** A referral code of the bundle in force; empty when the code is not one. */
    private Optional<ScanOutcome> referral(String code, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return rules.get()
                    .programme()
                    .referral()
                    .flatMap(r -> r.referrer(code))
                    .map(r -> noVisit("referral code"));
        }
        CampaignBundle bundle = rules.get();
        String card = visit.get().memberCard();
        return Referrals.judge(bundle, code, card, visitEnrolled).map(decision -> {
            visits.touch(now);
            return switch (decision) {
                case Referrals.Refuse refuse -> new Refused(RefusalReason.REFERRAL_REFUSED, refuse.reason());
                case Referrals.Grant grant ->
                    switch (store.referral(new ReferralCommit(
                            card,
                            grant.referrer(),
                            grant.newMemberPoints(),
                            grant.referrerPoints(),
                            visit.get().visitId(),
                            bundle.version(),
                            clock.now()))) {
                        case ReferralCommit.Refused refused ->
                            new Refused(RefusalReason.REFERRAL_REFUSED, refused.reason());
                        case ReferralCommit.Recorded recorded ->
                            new ScanOutcome.ItemRecorded(
                                    visit.get().visitId(),
                                    Redaction.mask(card),
                                    bundle.programme().referral().orElseThrow().prefix()
                                            + Redaction.mask(grant.referrer()),
                                    Optional.empty(),
                                    recorded.entries(),
                                    store.memberState(card, historyNeeds(rules.get())));
                    };
            };
        });
    }

    private ScanOutcome receipt(VisitInput.ReceiptScanned receipt, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return noVisit("receipt");
        }
        visits.touch(now);
        String card = visit.get().memberCard();
        if (store.receiptCredited(receipt.receiptId())) {
            throw new ReceiptAlreadyCreditedException(receipt.receiptId());
        }
        CampaignBundle bundle = rules.get();
        EventTime time = clock.now();
        Instant at = time.wall();
        MemberState before = store.memberState(card, historyNeeds(bundle));
        List<Award> awards = engine.evaluate(
                receipt, before, bundle, situation(time, visit.get().visitId()));
        List<LedgerEntry> entries = store.commit(new AwardCommit.ReceiptCredit(
                card,
                visit.get().visitId(),
                receipt.receiptId(),
                awards,
                bundle.version(),
                time,
                vouchers.grants(awards, bundle, at),
                java.util.OptionalLong.of(receipt.amountCents())));
        vouchers.printIssued(entries, time);
        MemberState after = before.after(awards);
        return new ScanOutcome.ReceiptCredited(
                visit.get().visitId(),
                Redaction.mask(card),
                receipt.receiptId(),
                receipt.amountCents(),
                entries,
                after,
                offered(bundle, after.points()));
    }

    /**
     * A refund: no open visit needed (the original receipt names the member); an open visit is
     * kept open and touched. What the sale earned is taken back in the store's transaction.
     */
    private ScanOutcome refund(RefundFormat.RefundScanned scanned, long now) {
        visits.current().ifPresent(v -> visits.touch(now));
        RefundResult result = store.refund(new Refund(
                scanned.refundId(),
                scanned.originalReceiptId(),
                scanned.refundCents(),
                rules.get().version(),
                clock.now()));
        return new ScanOutcome.RefundProcessed(
                scanned.refundId(),
                scanned.originalReceiptId(),
                scanned.refundCents(),
                Redaction.mask(result.memberCard()),
                result.entries(),
                result.vouchersRedeemed().stream()
                        .map(org.loyaltyterminal.core.voucher.VoucherCode::labelOf)
                        .toList(),
                result.vouchersIssued().stream()
                        .map(org.loyaltyterminal.core.voucher.VoucherCode::labelOf)
                        .toList(),
                store.memberState(result.memberCard()));
    }

    private ScanOutcome redeem(String code, long now) {
        Optional<OpenVisit> visit = visits.current();
        visit.ifPresent(v -> visits.touch(now));
        return vouchers.redeem(code, visit, rules.get(), clock.now());
    }

    private ScanOutcome buy(org.loyaltyterminal.core.campaign.Reward reward, long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return noVisit("reward code");
        }
        visits.touch(now);
        return vouchers.buy(reward, visit.get(), rules.get(), clock.now());
    }

    /**
     * The take code of the bundle's reward offer: buys the reward its policy picks for the member's
     * balance now (which the receipt just scanned may have changed since the offer was shown).
     */
    private ScanOutcome takeOffered(long now) {
        Optional<OpenVisit> visit = visits.current();
        if (visit.isEmpty()) {
            return noVisit("take-reward code");
        }
        CampaignBundle bundle = rules.get();
        long points =
                store.memberState(visit.get().memberCard(), HistoryNeeds.NONE).points();
        Optional<org.loyaltyterminal.core.campaign.Reward> offer = bundle.offerFor(points);
        if (offer.isEmpty()) {
            visits.touch(now);
            long cheapest = bundle.rewards().stream()
                    .flatMap(r -> r.pointsCost().stream())
                    .min(Long::compare)
                    .orElse(0L);
            return new Refused(
                    RefusalReason.NOT_ENOUGH_POINTS,
                    "no reward to offer: the cheapest costs " + cheapest + " points, the member has " + points
                            + "; no change made");
        }
        return buy(offer.get(), now);
    }

    /** The rules' view of now: the trusted clock, or the last trusted reading plus monotonic time (flagged). */
    private Situation situation(EventTime time, String visitId) {
        if (time.clockTrusted()) {
            lastTrusted = Optional.of(new RuleTime.Anchor(time.wall(), time.monotonicNanos()));
        }
        RuleTime ruleTime = RuleTime.resolve(time.wall(), time.clockTrusted(), time.monotonicNanos(), lastTrusted);
        return new Situation(site.storeId(), site.terminalId(), site.zone(), ruleTime, visitId, visitItems);
    }

    private static Refused noVisit(String what) {
        return new Refused(
                RefusalReason.NO_VISIT_OPEN,
                "no member card scanned yet; scan the member card first, then the " + what + " again");
    }

    private static ClosedVisit closed(OpenVisit visit, CloseReason reason) {
        return new ClosedVisit(visit.visitId(), Redaction.mask(visit.memberCard()), reason);
    }
}
