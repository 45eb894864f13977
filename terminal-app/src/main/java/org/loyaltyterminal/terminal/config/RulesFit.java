package org.loyaltyterminal.terminal.config;

import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.config.ConfigException;

/** Checks that the config can carry out the campaign file: rules that issue vouchers need a voucher key. */
public final class RulesFit {
    private RulesFit() {}

    /**
     * Checks that the configuration can carry out the campaign rules in force.
     *
     * @throws ConfigException naming the campaign or reward and the key to set
     */
    public static void check(TerminalConfig config, CampaignBundle rules, String configSource) {
        if (config.vouchers().enabled()) {
            return;
        }
        for (var campaign : rules.campaigns()) {
            if (campaign instanceof StampCardCampaign card
                    && card.voucherReward().isPresent()) {
                throw new ConfigException(configSource + ": campaign '" + card.id() + "' issues vouchers (reward '"
                        + card.voucherReward().get() + "'), but voucher.key-file is not set; set voucher.key-file and "
                        + "terminal.number, or remove \"voucher\" from the campaign");
            }
            if (campaign instanceof BuyXGetYCampaign buy) {
                throw new ConfigException(
                        configSource + ": campaign '" + buy.id() + "' (buy X get Y) issues vouchers (reward '"
                                + buy.voucher() + "'), but voucher.key-file is not set; set voucher.key-file and "
                                + "terminal.number, or remove the campaign");
            }
        }
        for (var reward : rules.rewards()) {
            if (reward.controlCode().isPresent()) {
                throw new ConfigException(
                        configSource + ": reward '" + reward.id() + "' can be bought with points, which "
                                + "issues a voucher, but voucher.key-file is not set; set voucher.key-file and terminal.number, "
                                + "or remove the reward's controlCode");
            }
        }
    }
}
