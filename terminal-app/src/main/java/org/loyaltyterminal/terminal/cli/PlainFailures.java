package org.loyaltyterminal.terminal.cli;

import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.terminal.ledger.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a command's expected failure becomes a line on stderr and an exit status, so
 * that every command says "loyalty-terminal: what is wrong" the same way and systemd sees the same
 * codes. A failure not named here is a bug: picocli prints its stack trace.
 */
final class PlainFailures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        int exit = exitFor(failure);
        if (exit == ExitCodes.OK) {
            throw failure;
        }
        command.getErr().println("loyalty-terminal: " + failure.getMessage());
        command.getErr().flush();
        return exit;
    }

    /** The exit status for a failure a user can act on, or OK when it is not one. */
    static int exitFor(Exception failure) {
        return switch (failure) {
            case ConfigException e -> ExitCodes.BAD_CONFIG;
            case CampaignFileException e -> ExitCodes.BAD_CONFIG;
            case StorageException e -> ExitCodes.STARTUP_FAILED;
            case DeviceException e -> ExitCodes.STARTUP_FAILED;
            case SyncException e -> ExitCodes.STARTUP_FAILED;
            default -> ExitCodes.OK;
        };
    }
}
