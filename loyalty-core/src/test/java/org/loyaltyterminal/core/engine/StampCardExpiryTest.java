package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** An unfinished stamp card expires a set number of days after its first stamp (docs/campaign-format.md). */
class StampCardExpiryTest {
    static final Instant NOW = Instant.parse("2026-06-12T10:00:00Z");

    static Stream<Arguments> examples() {
        return Stream.of(
                // stamps on the card, first stamp days ago, expiresAfterDays (0: field absent), stamps expired
                Arguments.of("a fresh card stays", 3, 10, 90, 0),
                Arguments.of("exactly 90 days after the first stamp", 3, 90, 90, 3),
                Arguments.of("long unfinished", 7, 200, 90, 7),
                Arguments.of("an empty card has nothing to expire", 0, 200, 90, 0),
                Arguments.of("without the field a card never expires", 7, 2000, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void unfinishedCardsExpireAtTheNextVisit(String name, int onCard, int startedDaysAgo, int afterDays, int expired) {
        CampaignBundle rules = CampaignRulesTest.bundle(
                "{'id': 'bakery-card', 'type': 'stamp-card', 'qualifying':"
                        + " {'categories': ['bakery']}, 'cardSize': 10, 'reward': 'free croissant'"
                        + (afterDays > 0 ? ", 'expiresAfterDays': " + afterDays : "") + "}",
                "");
        Map<String, Integer> stamps = onCard > 0 ? Map.of("bakery-card", onCard) : Map.of();
        Map<String, Instant> started =
                onCard > 0 ? Map.of("bakery-card", NOW.minus(Duration.ofDays(startedDaysAgo))) : Map.of();
        MemberState member = new MemberState(
                0,
                stamps,
                new MemberHistory(
                        Optional.empty(), List.of(), Map.of(), List.of(), List.of(), Optional.empty(), started));

        List<Award> awards = new LoyaltyEngine()
                .evaluate(new VisitOpened(false), member, rules, CampaignRulesTest.at(NOW, List.of()));

        assertEquals(
                expired == 0 ? List.of() : List.of(new Award.StampsExpired("bakery-card", expired, Award.Why.NONE)),
                Awards.plain(awards),
                name);
        if (expired > 0) {
            String since = NOW.minus(Duration.ofDays(startedDaysAgo))
                    .atZone(CampaignRulesTest.BERLIN)
                    .toLocalDate()
                    .toString();
            assertTrue(
                    awards.getFirst().why().detail().contains("since " + since),
                    awards.getFirst().why().detail());
            assertEquals(0, member.after(awards).stampsOn("bakery-card"), "the card is empty afterwards");
        }
    }
}
