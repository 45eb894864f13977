package org.loyaltyterminal.hq.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "command",
        mixinStandardHelpOptions = true,
        description =
                "Send a signed command (QoS 1, not retained) to a chain's, a store's or one terminal's commands topic.",
        subcommands = {CommandCommand.EraseMember.class, CommandCommand.ResendFrom.class})
final class CommandCommand {

    @Command(
            name = "erase-member",
            mixinStandardHelpOptions = true,
            description = "Erase a member's personal data and card identifiers at the target's terminals.")
    static final class EraseMember implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        SigningOptions signing;

        @Mixin
        BrokerOptions broker;

        @Mixin
        TargetOptions target;

        @Option(names = "--card", required = true, description = "The member's card number.")
        String card;

        @Override
        public Integer call() {
            Published.send(
                    broker.access(),
                    signing.clientId("erase"),
                    List.of(signing.messages().eraseMember(target.target(), signing.version(), card)),
                    spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(
            name = "resend-from",
            mixinStandardHelpOptions = true,
            description = "Ask the target's terminals to send every event from a sequence on again.")
    static final class ResendFrom implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        SigningOptions signing;

        @Mixin
        BrokerOptions broker;

        @Mixin
        TargetOptions target;

        @Option(names = "--sequence", required = true, description = "First sequence to send again (1 or more).")
        long sequence;

        @Override
        public Integer call() {
            Published.send(
                    broker.access(),
                    signing.clientId("resend"),
                    List.of(signing.messages().resendFrom(target.target(), signing.version(), sequence)),
                    spec.commandLine().getOut());
            return 0;
        }
    }
}
