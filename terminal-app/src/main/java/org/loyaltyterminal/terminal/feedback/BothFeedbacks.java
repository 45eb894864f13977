package org.loyaltyterminal.terminal.feedback;

import java.util.List;
import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.TillFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every outcome to each feedback in turn (the journal line first, then LEDs and buzzer).
 * One that fails does not keep the outcome from the others, nor from the scan thread's caller:
 * the award is committed by then, and feedback is only its echo.
 */
public final class BothFeedbacks implements TillFeedback {
    private static final Logger log = LoggerFactory.getLogger(BothFeedbacks.class);
    private final List<TillFeedback> feedbacks;

    public BothFeedbacks(List<TillFeedback> feedbacks) {
        this.feedbacks = List.copyOf(feedbacks);
    }

    @Override
    public void signal(ScanOutcome outcome) {
        for (TillFeedback feedback : feedbacks) {
            try {
                feedback.signal(outcome);
            } catch (RuntimeException e) {
                log.error("feedback {} failed: {}", feedback.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }
}
