package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.publish.CampaignBundleFile;
import org.loyaltyterminal.hq.publish.Outgoing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "publish-campaigns",
        mixinStandardHelpOptions = true,
        description = {
            "Check a campaign bundle as the tills do, sign it and publish it, retained, to the chain's or the store's"
                    + " campaigns topic.",
            "A bundle with problems is not signed: each is printed with its JSON path, and the exit code is 1.",
            "The message's version is the bundle's own \"version\"; --version may only repeat it."
        })
final class PublishCampaignsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Mixin
    BrokerOptions broker;

    @Mixin
    TargetOptions target;

    @Mixin
    AuditOptions audit;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The campaign bundle (JSON).")
    Path bundle;

    @Override
    public Integer call() {
        // Checked before the key is read or the broker dialled: a refused bundle touches neither.
        CampaignBundleFile checked = CampaignBundleFile.read(bundle);
        long version = checked.version(signing.version);
        spec.commandLine().getOut().println(checked.summary());
        Outgoing message = signing.messages().campaigns(target.target(), version, checked.bytes());
        audit.open().ifPresent(db -> {
            try (db) {
                audit.record(db, "publish-campaigns", Optional.empty(), message, Instant.now());
            }
        });
        Published.send(
                broker.access(),
                signing.clientId("campaigns"),
                List.of(message),
                spec.commandLine().getOut());
        return 0;
    }
}
