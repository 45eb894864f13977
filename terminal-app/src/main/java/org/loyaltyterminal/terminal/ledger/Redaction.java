package org.loyaltyterminal.terminal.ledger;

/** Keeps member card numbers out of logs and traces: only the last four characters show. */
public final class Redaction {
    private Redaction() {}

    public static String mask(String memberCard) {
        int keep = Math.min(4, memberCard.length() / 2);
        return "••••" + memberCard.substring(memberCard.length() - keep);
    }
}
