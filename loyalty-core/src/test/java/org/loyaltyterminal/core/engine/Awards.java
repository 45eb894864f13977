package org.loyaltyterminal.core.engine;

import java.util.List;
import org.loyaltyterminal.core.engine.Award.Why;

/** Test helper: awards without their explanation, to compare amounts with worked examples. */
final class Awards {
    private Awards() {}

    static List<Award> plain(List<Award> awards) {
        return awards.stream().map(Awards::plain).toList();
    }

    static Award plain(Award award) {
        return switch (award) {
            case Award.StampsAwarded a -> new Award.StampsAwarded(a.campaignId(), a.stamps());
            case Award.StampCardCompleted c -> new Award.StampCardCompleted(c.campaignId(), c.cardSize(), c.reward());
            case Award.PointsAwarded p -> new Award.PointsAwarded(p.campaignId(), p.points());
            case Award.BonusAwarded b -> new Award.BonusAwarded(b.campaignId(), b.points(), Why.NONE);
            case Award.VoucherEarned v -> new Award.VoucherEarned(v.campaignId(), v.rewardId(), Why.NONE);
            case Award.ActivityFlagged f -> new Award.ActivityFlagged(f.campaignId(), Why.NONE);
            case Award.PointsExpired x -> new Award.PointsExpired(x.points(), Why.NONE);
            case Award.StampsExpired x -> new Award.StampsExpired(x.campaignId(), x.stamps(), Why.NONE);
            case Award.TierChanged t -> new Award.TierChanged(t.from(), t.to(), Why.NONE);
        };
    }
}
