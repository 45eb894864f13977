package org.loyaltyterminal.hq.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.wire.EventBatch;

/**
 * HQ's durable copy of every terminal's events, keyed by (terminal, seq), and the members'
 * accounts kept in step with them. Safe to call from several threads and several processes.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Stores the batch's events HQ does not hold yet, all in one transaction, and returns what
     * changed once it committed. Storing the same batch again changes nothing.
     */
    BatchOutcome store(Topics terminal, EventBatch batch);

    /** A batch as received: where from, and the batch with each event parsed once. */
    record Received(Topics terminal, EventBatch.Decoded batch) {}

    /**
     * Stores several batches in ONE transaction (one fsync for all: group commit) and returns one
     * outcome per batch, in order, once it committed. Nothing is stored if any fails.
     */
    List<BatchOutcome> storeAll(List<Received> batches);

    /** Highest sequence with every sequence from 1 up to it stored; 0 if none. */
    long contiguousUpTo(String terminal);

    /** Every terminal seen, with its contiguous sequence. */
    Map<String, Long> contiguousByTerminal();

    /** Events held for a terminal, gaps not counted. */
    long eventCount(String terminal);

    /**
     * Members' balances over the events up to each terminal's contiguous sequence (HQ's accounts),
     * with every terminal's contiguous sequence as {@code includes}.
     */
    List<MemberAccount> balances();

    Optional<MemberAccount> balance(String member);

    /** The member's account, or empty when no event of the member counts yet. */
    Optional<MemberAccount> account(String member);

    /** Stores where a counted event of the member happened at or after {@code since}. */
    List<StoreRef> storesSince(String member, Instant since);

    /**
     * Recomputes every account and where members shopped from the stored events, in one
     * transaction; for repairs, since the store keeps them in step with the events.
     */
    void rebuildAccounts();

    List<Conflict> conflicts();

    /** Voucher redemptions HQ holds in a chain, the first per reference, newest first, at most {@code limit}. */
    List<RedeemedVoucher> redemptions(String chain, int limit);

    @Override
    void close();
}
