package org.loyaltyterminal.terminal.feedback;

import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.TillFeedback;

/** The cashier's signal on LEDs and buzzer: each outcome's pattern, handed to the player. */
public final class IndicatorFeedback implements TillFeedback {
    private final OutcomePatterns patterns;
    private final PatternPlayer player;

    public IndicatorFeedback(Patterns patterns, PatternPlayer player) {
        this.patterns = new OutcomePatterns(patterns);
        this.player = player;
    }

    @Override
    public void signal(ScanOutcome outcome) {
        patterns.of(outcome).ifPresent(player::offer);
    }
}
