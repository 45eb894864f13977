package org.loyaltyterminal.terminal.status;

/**
 * The till's balance questions to HQ since start, for the status page.
 *
 * @param asked      questions sent (a visit opened with the link up)
 * @param answered   answers that came within the budget and were used
 * @param unanswered questions whose budget passed without an answer
 * @param late       answers that came after their budget and were ignored (counted in {@code unanswered} too)
 * @param offline    visits that opened while the link was down: nothing asked
 */
public record LookupFigures(long asked, long answered, long unanswered, long late, long offline) {
    public static LookupFigures none() {
        return new LookupFigures(0, 0, 0, 0, 0);
    }
}
