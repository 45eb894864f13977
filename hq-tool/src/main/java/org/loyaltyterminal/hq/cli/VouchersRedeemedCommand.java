package org.loyaltyterminal.hq.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "vouchers-redeemed",
        mixinStandardHelpOptions = true,
        description = "Publish the voucher redemptions known at HQ (newest 10,000) to the chain's members topic, so"
                + " every till refuses them.")
final class VouchersRedeemedCommand implements Callable<Integer> {
    static final int MAX_VOUCHERS = 10_000;

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

    @Override
    public Integer call() {
        List<RedeemedVoucher> vouchers;
        try (JdbcEventStore store = database.openStore()) {
            vouchers = store.redemptions(chain, MAX_VOUCHERS);
        }
        Published.send(
                broker.access(),
                signing.clientId("vouchers"),
                List.of(signing.messages().vouchersRedeemed(chain, signing.version(), vouchers)),
                spec.commandLine().getOut());
        return 0;
    }
}
