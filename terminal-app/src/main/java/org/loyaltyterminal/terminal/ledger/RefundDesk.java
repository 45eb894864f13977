package org.loyaltyterminal.terminal.ledger;

/** The port for refunds: taking back what a refunded sale earned. */
public interface RefundDesk {

    /**
     * Reverses what the original receipt's sale earned, in proportion to the refunded amount and
     * never below zero, in one transaction with its REFUND rows and outbox events.
     *
     * @throws RefundAlreadyProcessedException when this refund id was processed before; nothing changes
     * @throws RefundRefusedException when the original receipt was not credited at this terminal; nothing changes
     */
    RefundResult refund(Refund refund);
}
