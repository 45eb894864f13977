package org.loyaltyterminal.core.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine needs to know about a member: the points balance and, per stamp-card
 * campaign id, the stamps on the current (unfinished) card. A count at or above the campaign's
 * card size (possible after HQ shrinks a card) completes cards on the next qualifying scan.
 */
public record MemberState(long points, Map<String, Integer> stampsOnCard, MemberHistory history) {
    public MemberState(long points, Map<String, Integer> stampsOnCard) {
        this(points, stampsOnCard, MemberHistory.NONE);
    }

    public MemberState {
        Objects.requireNonNull(history, "history");
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

    /** The balances once {@code awards} are applied, as the store computes them. */
    public MemberState after(List<Award> awards) {
        long newPoints = points;
        Map<String, Integer> stamps = new HashMap<>(stampsOnCard);
        for (Award award : awards) {
            newPoints = Math.addExact(newPoints, award.pointsDelta());
            if (award.stampsDelta() != 0) {
                stamps.merge(award.campaignId(), award.stampsDelta(), Integer::sum);
            }
        }
        return new MemberState(newPoints, stamps, history);
    }
}
