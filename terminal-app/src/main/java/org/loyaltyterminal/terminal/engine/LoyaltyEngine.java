package org.loyaltyterminal.terminal.engine;

import java.time.Instant;
import java.util.List;
import org.loyaltyterminal.terminal.rules.CampaignBundle;

/**
 * The loyalty rules as a pure function: no I/O, no clock, no state of its own. Same inputs,
 * same awards, so it can be tested exhaustively and replayed.
 */
public final class LoyaltyEngine {

    /**
     * Awards earned by one visit input.
     *
     * @param input  what was scanned
     * @param member the member's balances before this input
     * @param rules  the campaigns in force and the product table
     * @param at     the time to test validity windows against
     * @return awards in campaign order; empty when nothing qualifies
     */
    public List<Award> evaluate(VisitInput input, MemberState member, CampaignBundle rules, Instant at) {
        throw new IllegalStateException("engine pending");
    }
}
