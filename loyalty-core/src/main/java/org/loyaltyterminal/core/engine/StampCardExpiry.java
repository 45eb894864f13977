package org.loyaltyterminal.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.Campaign;
import org.loyaltyterminal.core.campaign.StampCardCampaign;
import org.loyaltyterminal.core.engine.Award.Why;

/**
 * Stamp cards left unfinished too long, at a visit's opening: a card whose first stamp is at least its
 * campaign's {@code expiresAfterDays} old loses its stamps. Cards of campaigns without the field never
 * expire.
 */
final class StampCardExpiry {
    private StampCardExpiry() {}

    /** One {@link Award.StampsExpired} per expired card, in the bundle's order of the campaigns. */
    static List<Award> at(List<Campaign> campaigns, MemberState member, Situation situation) {
        List<Award> expired = new ArrayList<>(0);
        for (Campaign campaign : campaigns) {
            if (!(campaign instanceof StampCardCampaign card)
                    || card.expiresAfterDays().isEmpty()) {
                continue;
            }
            int stamps = member.stampsOn(card.id());
            Optional<Instant> started =
                    Optional.ofNullable(member.history().cardStarted().get(card.id()));
            int days = card.expiresAfterDays().getAsInt();
            if (stamps > 0
                    && started.isPresent()
                    && !started.get()
                            .plus(Duration.ofDays(days))
                            .isAfter(situation.time().at())) {
                expired.add(new Award.StampsExpired(
                        card.id(),
                        stamps,
                        new Why(
                                "stamp-card.expiry",
                                stamps
                                        + " stamps on the card since "
                                        + started.get().atZone(situation.zone()).toLocalDate()
                                        + ", unfinished after " + days + " days",
                                !situation.time().trusted())));
            }
        }
        return expired;
    }
}
