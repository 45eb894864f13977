package org.loyaltyterminal.terminal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.loyaltyterminal.terminal.config.ConfigException;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;

/** A command's --config file: loaded, or its problem said on stderr (the command then exits 2). */
final class CliConfig {
    private CliConfig() {}

    static Optional<TerminalConfig> load(Path config, PrintWriter err) {
        try {
            return Optional.of(new ConfigLoader().load(config));
        } catch (ConfigException e) {
            err.println("loyalty-terminal: " + e.getMessage());
            return Optional.empty();
        }
    }
}
