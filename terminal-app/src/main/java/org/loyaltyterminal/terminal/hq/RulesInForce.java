package org.loyaltyterminal.terminal.hq;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign bundle every scan is evaluated against: the campaign file's, until HQ sends a
 * newer one, which is then kept in SQLite and wins at the next start too. Swapped whole, so a
 * scan sees either the old bundle or the new one, never a mix.
 */
public final class RulesInForce implements Supplier<CampaignBundle> {
    private static final Logger log = LoggerFactory.getLogger(RulesInForce.class);

    private final AtomicReference<CampaignBundle> current;
    private final long fileVersion;

    private RulesInForce(CampaignBundle initial, long fileVersion) {
        this.current = new AtomicReference<>(initial);
        this.fileVersion = fileVersion;
    }

    /** The newer of the campaign file and the bundle HQ sent before. */
    public static RulesInForce choose(
            CampaignBundle fromFile, Optional<SqliteHqUpdates.StoredBundle> fromHq, CampaignFileLoader loader) {
        if (fromHq.isPresent() && fromHq.get().version() > fromFile.version()) {
            try {
                CampaignBundle stored = loader.parse(
                        fromHq.get().json(),
                        "HQ campaign bundle version " + fromHq.get().version());
                log.info(
                        "campaigns: HQ's bundle version {} (for {}) is newer than the campaign file's {}; it stays in force",
                        stored.version(),
                        fromHq.get().target(),
                        fromFile.version());
                return new RulesInForce(stored, fromFile.version());
            } catch (CampaignFileException e) {
                log.error(
                        "campaigns: HQ's stored bundle version {} no longer reads ({}); using the campaign file's version {}",
                        fromHq.get().version(),
                        e.getMessage(),
                        fromFile.version());
            }
        }
        return new RulesInForce(fromFile, fromFile.version());
    }

    @Override
    public CampaignBundle get() {
        return current.get();
    }

    /** The campaign file's version: a bundle from HQ must be newer than this too. */
    public long fileVersion() {
        return fileVersion;
    }

    void replace(CampaignBundle bundle) {
        current.set(bundle);
    }
}
