package org.loyaltyterminal.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundle;

/** The referral rule of docs/campaign-format.md ("Referral bonus"). */
class ReferralsTest {
    static final CampaignBundle RULES = CampaignRulesTest.bundle(
            "", ", 'referral': {'prefix': 'REF-', 'referrerPoints': 100, 'newMemberPoints': 50}");

    static Stream<Arguments> examples() {
        return Stream.of(
                // code, member, enrolment visit, expected decision (empty: not a referral code)
                Arguments.of(
                        "REF-2412000000017",
                        "2412000000024",
                        true,
                        Optional.of(new Referrals.Grant("2412000000017", 50, 100))),
                Arguments.of("4001234500010", "2412000000024", true, Optional.empty()),
                Arguments.of("REF-", "2412000000024", true, Optional.empty()),
                Arguments.of(
                        "REF-2412000000017",
                        "2412000000024",
                        false,
                        Optional.of(
                                new Referrals.Refuse(
                                        "a referral code counts only in the visit that enrols the new member; no change made"))),
                Arguments.of(
                        "REF-2412000000024",
                        "2412000000024",
                        true,
                        Optional.of(new Referrals.Refuse("a member cannot refer themselves; no change made"))));
    }

    @ParameterizedTest(name = "{0} by {1}, enrolment {2}")
    @MethodSource("examples")
    void judgesAReferralCode(String code, String member, boolean enrolment, Optional<Referrals.Decision> expected) {
        assertEquals(expected, Referrals.judge(RULES, code, member, enrolment));
    }

    @Test
    void withoutAReferralRuleNoCodeIsOne() {
        assertEquals(
                Optional.empty(), Referrals.judge(CampaignRulesTest.bundle("", ""), "REF-2412000000017", "x", true));
    }
}
