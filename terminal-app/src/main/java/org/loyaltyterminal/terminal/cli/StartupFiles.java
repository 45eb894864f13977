package org.loyaltyterminal.terminal.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigException;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.RulesFit;
import org.loyaltyterminal.terminal.config.TerminalConfig;

/** Loads and validates the config and the campaign file; prints why when either is wrong. */
record StartupFiles(TerminalConfig config, CampaignBundle rules) {

    static Optional<StartupFiles> load(Path configFile) {
        return load(configFile, System.err);
    }

    static Optional<StartupFiles> load(Path configFile, PrintStream err) {
        try {
            TerminalConfig config = new ConfigLoader().load(configFile);
            CampaignBundle rules = new CampaignFileLoader().load(config.campaignsFile());
            RulesFit.check(config, rules, configFile.toString());
            return Optional.of(new StartupFiles(config, rules));
        } catch (ConfigException | CampaignFileException e) {
            err.println("loyalty-terminal: " + e.getMessage());
            return Optional.empty();
        }
    }
}
