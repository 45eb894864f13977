package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.MemberHistory.PointsMovement;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** Points expire in lots, oldest first, at the member's next visit (docs/campaign-format.md, "Points expiry"). */
class PointsExpiryTest {
    static final Instant DAY0 = Instant.parse("2025-01-10T10:00:00Z");

    static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    static PointsMovement earn(int day, long points) {
        return new PointsMovement(day(day), points, true);
    }

    static PointsMovement spend(int day, long points) {
        return new PointsMovement(day(day), -points, false);
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                // movements, visit day, expired at the visit
                Arguments.of("nothing old enough", List.of(earn(0, 100)), 364, 0L),
                Arguments.of("exactly 365 days old expires", List.of(earn(0, 100)), 365, 100L),
                Arguments.of("only the old lot", List.of(earn(0, 100), earn(200, 50)), 400, 100L),
                Arguments.of(
                        "spending takes the oldest lot first",
                        List.of(earn(0, 100), earn(200, 50), spend(300, 80)),
                        400,
                        20L),
                Arguments.of(
                        "a spend larger than the oldest lot reaches the next",
                        List.of(earn(0, 100), earn(200, 50), spend(300, 120)),
                        600,
                        30L),
                Arguments.of(
                        "an expiry written before is not taken again",
                        List.of(earn(0, 100), new PointsMovement(day(366), -100, false), earn(370, 5)),
                        400,
                        0L),
                Arguments.of(
                        "two old lots expire together", List.of(earn(0, 10), earn(1, 20), earn(300, 5)), 366, 30L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void lotsExpireOldestFirst(String name, List<PointsMovement> movements, int visitDay, long expired) {
        CampaignBundle rules = CampaignRulesTest.bundle("", ", 'pointsExpiry': {'afterDays': 365}");
        long balance = movements.stream().mapToLong(PointsMovement::delta).sum();
        MemberState member = new MemberState(
                balance,
                Map.of(),
                new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of(), movements, Optional.empty()));

        List<Award> awards = new LoyaltyEngine()
                .evaluate(new VisitOpened(false), member, rules, CampaignRulesTest.at(day(visitDay), List.of()));

        long taken = awards.stream().mapToLong(a -> -a.pointsDelta()).sum();
        assertEquals(expired, taken, name + ": " + awards);
        if (expired > 0) {
            Award.PointsExpired row = (Award.PointsExpired) awards.getFirst();
            assertEquals("points.expiry", row.why().rule());
            assertTrue(
                    row.why().detail().matches(".* of 2025-\\d\\d-\\d\\d.*"),
                    "detail names the lots' dates: " + row.why().detail());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void withoutExpiryInTheBundleNothingExpires(
            String name, List<PointsMovement> movements, int visitDay, long ignored) {
        CampaignBundle rules = CampaignRulesTest.bundle("", "");
        MemberState member = new MemberState(
                movements.stream().mapToLong(PointsMovement::delta).sum(),
                Map.of(),
                new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of(), movements, Optional.empty()));
        assertEquals(
                List.of(),
                new LoyaltyEngine()
                        .evaluate(
                                new VisitOpened(false), member, rules, CampaignRulesTest.at(day(visitDay), List.of())));
    }

    @Test
    void expiringSoonCountsLotsFallingDueWithinTheWindowOnly() {
        PointsLots lots = PointsLots.of(List.of(earn(0, 100), earn(100, 40), earn(300, 7)));
        Duration age = Duration.ofDays(365);
        // at day 350: lot of day 0 is due at 365 (within 30 days); day 100's at 465 (not)
        assertEquals(100, lots.expiringWithin(day(350), age, Duration.ofDays(30)));
        assertEquals(0, lots.expiringWithin(day(370), age, Duration.ofDays(30)), "already due is not 'soon'");
        assertEquals(100, lots.dueBy(day(370), age), "but it is due");
        assertEquals(140, lots.dueBy(day(470), age));
    }

    /**
     * Any sequence of earnings, spends (never more than the balance) and visits at which expiry is
     * written: the balance never goes negative and the points expired never exceed those earned.
     */
    @Property(tries = 300)
    void balanceNeverNegativeAndExpiredNeverAboveEarned(
            @ForAll @Size(max = 40) List<@IntRange(min = -300, max = 300) Integer> moves,
            @ForAll @IntRange(min = 1, max = 60) int afterDays) {
        CampaignBundle rules = CampaignRulesTest.bundle("", ", 'pointsExpiry': {'afterDays': " + afterDays + "}");
        LoyaltyEngine engine = new LoyaltyEngine();
        List<PointsMovement> ledger = new ArrayList<>();
        long balance = 0;
        long earned = 0;
        long expired = 0;
        int day = 0;
        for (int move : moves) {
            day += 7;
            // a visit: expiry first, as the store writes it at the visit's opening
            MemberState member = new MemberState(
                    balance,
                    Map.of(),
                    new MemberHistory(Optional.empty(), List.of(), Map.of(), List.of(), ledger, Optional.empty()));
            for (Award a :
                    engine.evaluate(new VisitOpened(false), member, rules, CampaignRulesTest.at(day(day), List.of()))) {
                if (a instanceof Award.PointsExpired x) {
                    ledger.add(new PointsMovement(day(day), -x.points(), false));
                    balance -= x.points();
                    expired += x.points();
                }
            }
            long delta = move >= 0 ? move : -Math.min(balance, -move);
            if (delta != 0) {
                ledger.add(new PointsMovement(day(day).plusSeconds(60), delta, delta > 0));
                balance += delta;
                earned += Math.max(0, delta);
            }
            assertTrue(balance >= 0, "balance went negative: " + balance + " after " + ledger);
            assertTrue(expired <= earned, "expired " + expired + " > earned " + earned);
            assertEquals(balance, PointsLots.of(ledger).balance(), "the lots add up to the balance");
        }
    }
}
