package org.loyaltyterminal.core.account;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each current stamp card got its first stamp, by replaying a member's stamp rows oldest
 * first: the rules that let a card expire count from that moment, and the ledger stores only the
 * movements, not the cards.
 */
public final class StampCardStarts {
    private StampCardStarts() {}

    /**
     * One ledger row that moved stamps.
     *
     * @param completion the row completed a card (its surplus, if any, starts the next card)
     */
    public record StampMovement(String campaignId, Instant at, long stampsDelta, boolean completion) {}

    /**
     * A card starts when stamps arrive on an empty card, and again when a completion leaves a
     * surplus (the next card starts then); taking stamps (refund, expiry, HQ) leaves the start as
     * it was, and a card taken down to zero has no start.
     */
    public static Map<String, Instant> replay(List<StampMovement> movements) {
        Map<String, Long> onCard = new HashMap<>();
        Map<String, Instant> started = new HashMap<>();
        for (StampMovement m : movements) {
            long before = onCard.getOrDefault(m.campaignId(), 0L);
            long after = Math.max(0, before + m.stampsDelta());
            onCard.put(m.campaignId(), after);
            if (after == 0) {
                started.remove(m.campaignId());
            } else if (before == 0 || m.completion()) {
                started.put(m.campaignId(), m.at());
            }
        }
        return started;
    }
}
