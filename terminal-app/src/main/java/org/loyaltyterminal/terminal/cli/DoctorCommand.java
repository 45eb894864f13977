package org.loyaltyterminal.terminal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.doctor.CheckResult;
import org.loyaltyterminal.terminal.doctor.Doctor;
import org.loyaltyterminal.terminal.doctor.ServiceAccount;
import org.loyaltyterminal.terminal.doctor.TerminalChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check that this till can run the daemon, and explain how to fix what is wrong.",
            "Checked: the config and campaign files, each device node and whether the service user may use"
                    + " it (naming the group to join), the printer and the HQ link (skipped until configured), the"
                    + " clock, and free disk space.",
            "Exit status: 0 every check passed or was skipped, 3 a check failed."
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
    Path config;

    @Option(
            names = "--user",
            defaultValue = "loyalty",
            paramLabel = "USER",
            description = "the service user the daemon runs as (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--passwd", defaultValue = "/etc/passwd", hidden = true)
    Path passwd;

    @Option(names = "--group", defaultValue = "/etc/group", hidden = true)
    Path group;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TerminalConfig terminal;
        CampaignBundle rules;
        try {
            terminal = new ConfigLoader().load(config);
            rules = new CampaignFileLoader().load(terminal.campaignsFile());
        } catch (ConfigException | CampaignFileException e) {
            print(
                    out,
                    "config " + config,
                    new CheckResult.Failed(e.getMessage(), "correct the file as the message says"));
            return ExitCodes.INCONSISTENT;
        }
        print(
                out,
                "config " + config,
                new CheckResult.Passed("valid; campaigns version " + rules.version() + " ("
                        + rules.campaigns().size() + " campaigns) from " + terminal.campaignsFile()));
        Optional<ServiceAccount> account = ServiceAccount.lookUp(user, passwd, group);
        List<Doctor.Finding> findings = new Doctor().run(TerminalChecks.of(terminal, account, user));
        findings.forEach(f -> print(out, f.subject(), f.result()));
        boolean ok = Doctor.allPassed(findings);
        out.println(ok ? "all checks passed or were skipped" : "some checks failed; fix them and run doctor again");
        return ok ? ExitCodes.OK : ExitCodes.INCONSISTENT;
    }

    private static void print(PrintWriter out, String subject, CheckResult result) {
        switch (result) {
            case CheckResult.Passed p -> out.printf("ok       %s: %s%n", subject, p.detail());
            case CheckResult.Skipped s -> out.printf("skipped  %s: %s%n", subject, s.reason());
            case CheckResult.Failed f ->
                out.printf("FAILED   %s: %s%n         fix: %s%n", subject, f.problem(), f.fix());
        }
    }
}
