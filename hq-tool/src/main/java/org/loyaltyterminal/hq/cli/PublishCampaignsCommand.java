package org.loyaltyterminal.hq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.HqException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "publish-campaigns",
        mixinStandardHelpOptions = true,
        description = "Sign a campaign bundle and publish it, retained, to the chain's or the store's campaigns topic.")
final class PublishCampaignsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SigningOptions signing;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The campaign bundle (JSON).")
    Path bundle;

    @Override
    public Integer call() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(bundle);
        } catch (IOException e) {
            throw new HqException("campaign bundle " + bundle + " cannot be read: " + e.getMessage(), e);
        }
        Published.send(
                signing.broker,
                signing.clientId("campaigns"),
                List.of(signing.messages().campaigns(target.target(), signing.version(), bytes)),
                spec.commandLine().getOut());
        return 0;
    }
}
