package org.loyaltyterminal.hq.cli;

import java.util.Optional;
import org.loyaltyterminal.sync.inbound.Target;
import picocli.CommandLine.Option;

final class TargetOptions {
    @Option(names = "--chain", required = true, description = "Chain id.")
    String chain;

    @Option(names = "--store", description = "Store id: only this store's terminals.")
    Optional<String> store = Optional.empty();

    @Option(names = "--terminal", description = "Terminal id (needs --store): only this terminal.")
    Optional<String> terminal = Optional.empty();

    Target target() {
        return new Target(chain, store, terminal);
    }
}
