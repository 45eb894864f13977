package org.loyaltyterminal.hq.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.fleet.FleetWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        description = "Show every terminal's retained status: online or offline, session, software, outbox depth,"
                + " age of the oldest unacknowledged event, last acknowledged sequence, campaign versions.")
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--once", description = "Print the table once the retained statuses arrived, then exit.")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
        try (FleetWatch watch = new FleetWatch(
                broker.access(), "hq-tool-fleet-" + ProcessHandle.current().pid())) {
            watch.pump(Duration.ofMillis(700), Duration.ofSeconds(10));
            spec.commandLine().getOut().print(watch.view().table(Instant.now()));
            spec.commandLine().getOut().flush();
            while (!once) {
                if (watch.pump(Duration.ofSeconds(1), Duration.ofSeconds(5))) {
                    spec.commandLine().getOut().println();
                    spec.commandLine().getOut().print(watch.view().table(Instant.now()));
                    spec.commandLine().getOut().flush();
                }
            }
        }
        return 0;
    }
}
