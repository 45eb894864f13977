package org.loyaltyterminal.simulator.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.loyaltyterminal.simulator.bench.RulesBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the campaign engine alone, in this process, without I/O.",
            "Load and validate a generated bundle of N campaigns (all in force), then evaluate a visit"
                    + " (member card, items, receipt) against it and print p50/p99 per visit and per scan.",
            "Target: a 30-item visit against 500 campaigns in under 1 ms at p99. Exit code 0 when the target"
                    + " is met, 4 when it is missed."
        })
final class RulesBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--campaigns",
            defaultValue = "500",
            description = "campaigns in the bundle (default ${DEFAULT-VALUE})")
    int campaigns;

    @Option(names = "--items", defaultValue = "30", description = "item scans per visit (default ${DEFAULT-VALUE})")
    int items;

    @Option(
            names = "--visits",
            defaultValue = "5000",
            description = "visits measured, after as many warm-up visits (default ${DEFAULT-VALUE})")
    int visits;

    @Option(names = "--loads", defaultValue = "50", description = "bundle loads measured (default ${DEFAULT-VALUE})")
    int loads;

    @Option(
            names = "--every-item",
            description = "the heavy workload: 50 of the campaigns award points on every item"
                    + " (some 1,600 awards per visit instead of some 300)")
    boolean everyItem;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (campaigns < 10 || items < 1 || visits < 100 || loads < 5) {
            spec.commandLine()
                    .getErr()
                    .println("loyalty-simulators bench rules: --campaigns must be at least 10, --items 1,"
                            + " --visits 100 and --loads 5; got " + campaigns + ", " + items + ", " + visits + " and "
                            + loads);
            return ExitCodes.BAD_USAGE;
        }
        RulesBenchmark.Result result = new RulesBenchmark(out).run(campaigns, items, visits, loads, everyItem);
        out.flush();
        return result.visitP99Nanos() < 1_000_000 ? ExitCodes.OK : ExitCodes.TARGET_MISSED;
    }
}
