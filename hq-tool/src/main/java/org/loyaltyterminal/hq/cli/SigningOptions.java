package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Signer;
import org.loyaltyterminal.hq.publish.VersionClock;
import picocli.CommandLine.Option;

/** Key and version options shared by the publishing commands. */
final class SigningOptions {
    @Option(names = "--key", required = true, description = "HQ's private key (PEM, PKCS#8), from keygen.")
    Path key;

    @Option(names = "--key-id", required = true, description = "The key's id, as terminals know it.")
    String keyId;

    /**
     * The message's {@code --version} takes the place of picocli's standard one on these commands,
     * and with it picocli drops the standard {@code --help}: declared again here.
     */
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = "--version",
            description = "Message version; default: HQ's clock in ms since the epoch, which always increases at HQ."
                    + " publish-campaigns takes the bundle's own \"version\" and refuses a different --version.")
    Optional<Long> version = Optional.empty();

    private final VersionClock clock = new VersionClock(InstantSource.system());

    HqMessages messages() {
        return new HqMessages(Signer.fromFile(keyId, key), InstantSource.system());
    }

    long version() {
        return version.orElseGet(clock::next);
    }

    String clientId(String command) {
        return "hq-tool-" + command + "-" + ProcessHandle.current().pid();
    }
}
