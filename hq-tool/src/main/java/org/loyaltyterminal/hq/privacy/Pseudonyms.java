package org.loyaltyterminal.hq.privacy;

/**
 * The member names that stand for no card: an erasure's ({@code erased-...}, also what tills
 * write) and the retention period's ({@code retired-...}). HQ keeps their sums for the figures but
 * never sends them to a till as if they were members.
 */
public final class Pseudonyms {
    private Pseudonyms() {}

    public static boolean isPseudonym(String member) {
        return member.startsWith("erased-") || member.startsWith("retired-");
    }
}
