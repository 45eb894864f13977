package org.loyaltyterminal.hq;

import org.loyaltyterminal.sync.Topics;

/**
 * Topics only HQ publishes, beside the terminal layout of {@link Topics}. The store level
 * {@code hq} is reserved for them.
 */
public final class HqTopics {
    private HqTopics() {}

    /** Retained "online"/"offline" of HQ's ingest (the Sparkplug host state idea). */
    public static String state() {
        return Topics.ROOT + "/hq/state";
    }

    /** Conflicts HQ detected in a chain's events, such as one voucher redeemed at two tills. */
    public static String conflicts(String chain) {
        Topics.requireLevel("chain", chain);
        return Topics.ROOT + "/" + chain + "/hq/conflicts";
    }
}
