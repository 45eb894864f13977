package org.loyaltyterminal.hq.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.privacy.Pseudonyms;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "member-snapshot",
        mixinStandardHelpOptions = true,
        description = "Publish members' balances from the ingest database to the chain's members topic: points and"
                + " stamps over every terminal's events up to its acknowledged sequence ('includes').")
final class MemberSnapshotCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--chain", required = true, description = "Chain id.")
    String chain;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--card", description = "Only this member; default: every member.")
    Optional<String> card = Optional.empty();

    @Override
    public Integer call() {
        List<MemberAccount> balances;
        try (JdbcEventStore store = database.openStore()) {
            balances = card.isPresent()
                    ? List.of(store.balance(card.get())
                            .orElseThrow(() -> new HqException("member " + card.get() + " has no counted events in "
                                    + store.database().settings().describe() + "; check the card number")))
                    : store.balances().stream()
                            // An erased or retired member's sums stay for the figures, never go to a till.
                            .filter(b -> !Pseudonyms.isPseudonym(b.member()))
                            .toList();
        }
        HqMessages messages = signing.messages();
        List<Outgoing> out = balances.stream()
                .map(b -> messages.memberSnapshot(chain, signing.version(), b))
                .toList();
        Published.send(
                broker.access(),
                signing.clientId("snapshot"),
                out,
                spec.commandLine().getOut());
        return 0;
    }
}
