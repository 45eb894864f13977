package org.loyaltyterminal.terminal.till;

import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.TillFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cashier's signal as a journal line: "accepted: ..." only after the commit, "refused: ..."
 * with the reason. Operators and the crash test read these lines; keep their prefixes stable.
 */
public final class LoggingTillFeedback implements TillFeedback {
    private static final Logger log = LoggerFactory.getLogger("till");

    @Override
    public void signal(ScanOutcome outcome) {
        switch (outcome) {
            case ScanOutcome.Refused r -> log.info("refused: {}", OutcomeText.describe(r));
            case ScanOutcome.Repeated r -> log.info("ignored: {}", OutcomeText.describe(r));
            case ScanOutcome.VisitClosed c -> log.info("visit: {}", OutcomeText.describe(c));
            case ScanOutcome.VisitOpened _,
                    ScanOutcome.VisitContinued _,
                    ScanOutcome.ItemRecorded _,
                    ScanOutcome.ReceiptCredited _,
                    ScanOutcome.CardLinked _,
                    ScanOutcome.VoucherRedeemed _,
                    ScanOutcome.RewardBought _,
                    ScanOutcome.VoucherReprinted _,
                    ScanOutcome.RefundProcessed _ -> log.info("accepted: {}", OutcomeText.describe(outcome));
        }
    }
}
