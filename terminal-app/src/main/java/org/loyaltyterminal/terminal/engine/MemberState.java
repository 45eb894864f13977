package org.loyaltyterminal.terminal.engine;

import java.util.Map;

/**
 * What the engine needs to know about a member: the points balance and, per stamp-card
 * campaign id, the stamps on the current (unfinished) card.
 */
public record MemberState(long points, Map<String, Integer> stampsOnCard) {
    public MemberState {
        stampsOnCard = Map.copyOf(stampsOnCard);
    }

    public static MemberState empty() {
        return new MemberState(0, Map.of());
    }

    public int stampsOn(String campaignId) {
        return stampsOnCard.getOrDefault(campaignId, 0);
    }
}
