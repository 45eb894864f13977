package org.loyaltyterminal.terminal.engine;

import java.util.Map;

/**
 * What the engine needs to know about a member: the points balance and, per stamp-card
 * campaign id, the stamps on the current (unfinished) card. A count at or above the campaign's
 * card size (possible after HQ shrinks a card) completes cards on the next qualifying scan.
 */
public record MemberState(long points, Map<String, Integer> stampsOnCard) {
    public MemberState {
        stampsOnCard = Map.copyOf(stampsOnCard);
        stampsOnCard.forEach((campaignId, stamps) -> {
            if (stamps < 0) {
                throw new IllegalArgumentException(
                        "stamps on card for campaign '" + campaignId + "' must not be negative, was " + stamps);
            }
        });
    }

    public static MemberState empty() {
        return new MemberState(0, Map.of());
    }

    public int stampsOn(String campaignId) {
        return stampsOnCard.getOrDefault(campaignId, 0);
    }
}
