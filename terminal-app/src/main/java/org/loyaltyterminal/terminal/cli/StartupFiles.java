package org.loyaltyterminal.terminal.cli;

import java.nio.file.Path;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.RulesFit;
import org.loyaltyterminal.terminal.config.TerminalConfig;

/**
 * The config and the campaign file, loaded and checked against each other. A problem in either is
 * thrown as the loader's exception, which {@link PlainFailures} says in plain words with exit 2.
 */
record StartupFiles(TerminalConfig config, CampaignBundle rules) {

    static StartupFiles load(Path configFile) {
        TerminalConfig config = new ConfigLoader().load(configFile);
        CampaignBundle rules = new CampaignFileLoader().load(config.campaignsFile());
        RulesFit.check(config, rules, configFile.toString());
        return new StartupFiles(config, rules);
    }
}
