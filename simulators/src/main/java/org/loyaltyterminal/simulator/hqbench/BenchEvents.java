package org.loyaltyterminal.simulator.hqbench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The events the simulated tills write, shaped like the till's outbox events (schema 1, see
 * sync-protocol.md) and about as long (some 450 bytes). Each is a pure function of (till, seq),
 * so a resent batch carries the same events, and the floor and the exactly-once check can
 * compute what the tills sent without asking them. Four in five are points for a receipt, one
 * in five a coffee stamp; members are drawn from a pool twenty times the number of tills, so
 * workers storing different tills' batches update some of the same accounts.
 */
final class BenchEvents {
    static final String CHAIN = "bench";
    static final String BOOT_ID = "bench-boot";
    private static final Instant DAY = Instant.parse("2026-11-23T07:00:00Z");
    private static final int MEMBERS_PER_TILL = 20;

    /** One event's fields HQ keeps in columns, and its JSON as the till sends it. */
    record Event(
            int till,
            String terminal,
            long seq,
            String eventId,
            String type,
            String member,
            String campaign,
            long points,
            long stamps,
            String wallTime,
            String json) {}

    private final int tills;

    BenchEvents(int tills) {
        this.tills = tills;
    }

    int tills() {
        return tills;
    }

    /** The till's terminal id, unique in the chain. */
    static String terminal(int till) {
        return "till-" + pad(till, 4);
    }

    /** Four tills to a store. */
    static String store(int till) {
        return "store-" + pad(till / 4, 4);
    }

    Event event(int till, long seq) {
        String terminal = terminal(till);
        long hash = mix(((long) till << 32) ^ seq);
        boolean stamp = Math.floorMod(hash, 5) == 0;
        long points = stamp ? 0 : 1 + Math.floorMod(hash >>> 8, 50);
        long stamps = stamp ? 1 : 0;
        String member = "24120" + pad(Math.floorMod(hash >>> 20, (long) tills * MEMBERS_PER_TILL), 8);
        String campaign = stamp ? "coffee" : null;
        String type = stamp ? "STAMPS" : "POINTS";
        String eventId = UUID.nameUUIDFromBytes((terminal + "/" + seq).getBytes(StandardCharsets.UTF_8))
                .toString();
        Instant at = DAY.plusMillis(seq * 20_000 + till * 7L);
        String wallTime = at.toString();
        String visit = "visit-" + terminal + "-" + (seq + 2) / 3;
        String json = "{\"schema\":1,\"eventId\":\"" + eventId + "\",\"terminal\":\"" + terminal + "\",\"seq\":" + seq
                + ",\"bootId\":\"" + BOOT_ID + "\",\"monotonicNanos\":" + (seq * 20_000_000_000L + till)
                + ",\"wallTime\":\"" + wallTime + "\",\"clockSynchronized\":true,\"type\":\"" + type
                + "\",\"member\":\"" + member + "\""
                + (campaign == null ? "" : ",\"campaign\":\"" + campaign + "\"")
                + ",\"bundleVersion\":42,\"stamps\":" + stamps + ",\"points\":" + points
                + ",\"reference\":\"receipt-" + terminal + "-" + seq + "\",\"visit\":\"" + visit
                + "\",\"rule\":\"" + (stamp ? "stamp-card" : "points-per-euro") + "\",\"detail\":\""
                + (stamp ? "1 stamp for a coffee" : points + " points for " + points + ".40 EUR")
                + "\",\"campaignVersion\":42,\"rulesClockUntrusted\":false}";
        return new Event(till, terminal, seq, eventId, type, member, campaign, points, stamps, wallTime, json);
    }

    /** SplitMix64's finaliser: a well-spread hash of the (till, seq) pair. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String pad(long value, int digits) {
        String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
