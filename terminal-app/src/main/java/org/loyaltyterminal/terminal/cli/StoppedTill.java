package org.loyaltyterminal.terminal.cli;

import java.time.InstantSource;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.daemon.DataDirLock;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/**
 * What a writing command works on while the daemon is stopped: the data folder's lock (so the
 * daemon cannot start meanwhile, and the command is refused while it runs), the store opened for
 * writing, and the till's clock for the rows' times. Closed in the reverse order.
 */
record StoppedTill(TerminalConfig config, DataDirLock lock, SqliteLoyaltyStore store, TerminalClock clock)
        implements AutoCloseable {

    static StoppedTill open(TerminalConfig config) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
            SqliteLoyaltyStore store = SqliteLoyaltyStore.open(config.databaseFile(), config.terminalId(), "cli");
            TerminalClock clock = new TerminalClock(InstantSource.system(), Ticker.system(), config.clockSyncFlag());
            return new StoppedTill(config, lock, store, clock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            lock.close();
        }
    }
}
