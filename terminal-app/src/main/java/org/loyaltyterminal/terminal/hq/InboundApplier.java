package org.loyaltyterminal.terminal.hq;

import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.InboundHandler;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.RulesFit;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;

/**
 * Applies a verified message from HQ. A campaign bundle is validated exactly as a campaign file
 * is, and must fit this till's config (vouchers need a voucher key), before it is stored; the
 * rules in force change only after the store committed it. HQ's answer to a balance question is
 * applied only when it answers a question of this till's in time ({@link MemberLookups}).
 */
public final class InboundApplier implements InboundHandler {
    private final SqliteHqUpdates updates;
    private final RulesInForce rules;
    private final CampaignFileLoader loader;
    private final TerminalConfig config;
    private final TerminalClock clock;
    private final MemberLookups lookups;

    public InboundApplier(
            SqliteHqUpdates updates,
            RulesInForce rules,
            CampaignFileLoader loader,
            TerminalConfig config,
            TerminalClock clock,
            MemberLookups lookups) {
        this.updates = updates;
        this.rules = rules;
        this.loader = loader;
        this.config = config;
        this.clock = clock;
        this.lookups = lookups;
    }

    @Override
    public InboundResult apply(HqMessage message) {
        return switch (message) {
            case HqMessage.CampaignBundle bundle -> campaigns(bundle);
            case HqMessage.EraseMember erase -> updates.erase(erase, clock.now());
            case HqMessage.ResendFrom resend -> updates.recordCommand(resend, clock.now());
            case HqMessage.MemberSnapshot snapshot -> updates.applySnapshot(snapshot, clock.now());
            case HqMessage.VouchersRedeemed vouchers -> updates.recordRedeemedElsewhere(vouchers, clock.now());
            case HqMessage.MemberAccount answer -> lookupAnswer(answer);
        };
    }

    private InboundResult lookupAnswer(HqMessage.MemberAccount answer) {
        return switch (lookups.claim(answer.request(), answer.card())) {
            case MemberLookups.Claim.Answered(String visitId, long millis) ->
                updates.applyLookupAnswer(answer, visitId, millis, clock.now());
            case MemberLookups.Claim.Late(long millis) ->
                new InboundResult.Ignored(
                        "member/" + Redaction.mask(answer.card()),
                        "the answer to lookup " + answer.request() + " came after " + millis
                                + " ms, over the budget of " + lookups.budget().toMillis()
                                + " ms (hq.lookup-budget-ms)");
            case MemberLookups.Claim.NotAsked(String why) -> new InboundResult.Refused(Refusal.NOT_ASKED, why);
        };
    }

    private InboundResult campaigns(HqMessage.CampaignBundle message) {
        CampaignBundle bundle;
        try {
            bundle = loader.parse(message.bundleJson(), "HQ campaign bundle version " + message.version());
        } catch (CampaignFileException e) {
            return new InboundResult.Refused(Refusal.INVALID_CONTENT, e.getMessage());
        }
        if (bundle.version() != message.version()) {
            return new InboundResult.Refused(
                    Refusal.INVALID_CONTENT,
                    "the envelope says version " + message.version() + " but the bundle inside is version "
                            + bundle.version());
        }
        try {
            RulesFit.check(config, bundle, "HQ campaign bundle version " + bundle.version());
        } catch (ConfigException e) {
            return new InboundResult.Refused(Refusal.INVALID_CONTENT, e.getMessage());
        }
        InboundResult result = updates.storeCampaigns(message, rules.fileVersion(), clock.now());
        if (result instanceof InboundResult.Applied) {
            rules.replace(bundle);
        }
        return result;
    }
}
