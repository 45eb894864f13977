package org.loyaltyterminal.hq.store;

/**
 * What {@link JdbcEventStore#rebuild()} did.
 *
 * @param terminals     terminals whose contiguous prefix was counted
 * @param countedEvents events that count towards accounts (within the prefix, with a member, not HQ_BALANCE)
 * @param members       members with an account afterwards
 * @param accounts      account rows (member, campaign) afterwards
 * @param memberStores  (member, store) rows afterwards
 * @param corrected     account rows that differed from the recomputation (changed, missing or
 *     superfluous) and were corrected; 0 when the accounts were in step with the events
 */
public record AccountsRebuilt(
        int terminals, long countedEvents, long members, long accounts, long memberStores, long corrected) {}
