package org.loyaltyterminal.terminal.ledger;

import java.util.List;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberState;

/** The port for reading members and the ledger: what the commands that show, and the check, need. */
public interface LedgerReads {

    boolean isMember(String memberCard);

    /** Balances of a member; {@link MemberState#empty()} for an unknown card. */
    MemberState memberState(String memberCard);

    /** {@link #memberState(String)}, reading only the growing parts of the history the rules need. */
    default MemberState memberState(String memberCard, HistoryNeeds needs) {
        return memberState(memberCard);
    }

    boolean receiptCredited(String receiptId);

    /** The member's last {@code limit} ledger rows, oldest first, with the rule that produced each. */
    List<LedgerEntry> recentEntries(String memberCard, int limit);

    /** Recomputes every balance from the ledger and reports the differences. */
    ConsistencyReport check();
}
