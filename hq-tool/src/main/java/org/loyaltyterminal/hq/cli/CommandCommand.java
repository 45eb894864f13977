package org.loyaltyterminal.hq.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.privacy.CardKeys;
import org.loyaltyterminal.hq.privacy.Erasure;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.store.ErasureStore;
import org.loyaltyterminal.hq.store.HqDatabase;
import org.loyaltyterminal.sync.inbound.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

        @Mixin
        AuditOptions audit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BrokerAccess access = broker.access();
            Target to = target.target();
            long version = signing.version();
            Optional<HqDatabase> database = audit.open();
            if (database.isEmpty()) {
                Published.send(
                        access,
                        signing.clientId("erase"),
                        List.of(signing.messages().eraseMember(to, version, card)),
                        out);
                out.println("HQ's own database was not touched: give --database and --privacy-secret-file to erase"
                        + " the member there too");
                return 0;
            }
            Path secret = audit.privacySecret.orElseThrow(() -> new ParameterException(
                    spec.commandLine(),
                    "--privacy-secret-file is needed with --database: the service's privacy.secret-file"));
            String pseudonym = ErasureStore.newPseudonym();
            Outgoing command = signing.messages().eraseMember(to, version, card, Optional.of(pseudonym));
            try (HqDatabase db = database.get()) {
                Erasure erasure = new ErasureStore(db, CardKeys.fromFile(secret))
                        .erase(
                                card,
                                pseudonym,
                                to,
                                version,
                                audit.actor(),
                                Instant.now(),
                                AuditOptions.digest(command));
                erasure.counts()
                        .ifPresent(c -> out.println("erased in HQ's database: " + c.events() + " events and "
                                + c.accounts() + " account rows now carry " + pseudonym + ", " + c.consents()
                                + " consent records deleted; the card is tombstoned"));
            }
            Published.send(access, signing.clientId("erase"), List.of(command), out);
            out.println("each till confirms with a MEMBER_ERASED event, reference erase-" + version);
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

        @Mixin
        AuditOptions audit;

        @Override
        public Integer call() {
            Outgoing command = signing.messages().resendFrom(target.target(), signing.version(), sequence);
            audit.open().ifPresent(db -> {
                try (db) {
                    audit.record(db, "resend-from", Optional.empty(), command, Instant.now());
                }
            });
            Published.send(
                    broker.access(),
                    signing.clientId("resend"),
                    List.of(command),
                    spec.commandLine().getOut());
            return 0;
        }
    }
}
