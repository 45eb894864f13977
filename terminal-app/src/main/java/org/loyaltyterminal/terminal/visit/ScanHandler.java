package org.loyaltyterminal.terminal.visit;

import org.loyaltyterminal.core.campaign.CampaignBundle;

/**
 * What one kind of scan does. Called by {@link ScanProcessor} inside the scan's unit of work and
 * under its lock, so a handler sees one scan at a time and needs no locking of its own.
 *
 * @param <K> the kind of scan handled, already classified: a handler never looks at the payload again
 */
interface ScanHandler<K extends ScanKind> {
    /**
     * Handles one scan of this kind and says what it did.
     *
     * @param bundle the campaign bundle in force for this scan, the one it was classified with
     * @param now    the scan's monotonic time, for the visit's timeout
     */
    ScanOutcome handle(K scan, CampaignBundle bundle, long now);
}
