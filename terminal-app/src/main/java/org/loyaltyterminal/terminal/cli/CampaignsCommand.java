package org.loyaltyterminal.terminal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BuyXGetYCampaign;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.PointsCampaign;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "campaigns",
        mixinStandardHelpOptions = true,
        description = "Work with campaign files.",
        subcommands = CampaignsCommand.Check.class)
final class CampaignsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Validate a campaign file exactly as the daemon would load it, without a daemon, a config or a database.",
                "Exit status: 0 valid (with a summary), 2 not valid (every problem, by JSON path)."
            })
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the campaign file (JSON)")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CampaignBundle bundle = new CampaignFileLoader().load(file);
            out.printf(
                    "%s: valid, format %d, version %d: %d products, %d campaigns, %d rewards%n",
                    file,
                    bundle.format(),
                    bundle.version(),
                    bundle.products().size(),
                    bundle.campaigns().size(),
                    bundle.rewards().size());
            Instant now = Instant.now();
            for (Campaign c : bundle.campaigns()) {
                out.printf(
                        "  %s (%s)%s%s%n",
                        c.id(),
                        type(c),
                        c.validity().from().map(f -> " from " + f).orElse(""),
                        c.validity()
                                .until()
                                .map(u -> (u.isAfter(now) ? " until " : " ended ") + u)
                                .orElse(""));
            }
            return ExitCodes.OK;
        }

        private static String type(Campaign c) {
            return switch (c) {
                case StampCardCampaign s -> "stamp card";
                case PointsCampaign p -> "points";
                case BonusCampaign b -> "bonus";
                case BuyXGetYCampaign b -> "buy x get y";
            };
        }
    }
}
