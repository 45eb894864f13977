package org.loyaltyterminal.sync.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.loyaltyterminal.sync.outbox.Outbox;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.outbox.OutboxSummary;

/** The outbox port in memory, for unit tests of the agent's logic (the SQLite one is tested apart). */
final class MemoryOutbox implements Outbox {
    /** How often the agent read the pending events. */
    int reads;

    private final TreeMap<Long, String> events = new TreeMap<>();
    private final TreeMap<Long, Boolean> acked = new TreeMap<>();
    private long ackedUpTo;
    private long session;

    void append(int count) {
        long next = events.isEmpty() ? 1 : events.lastKey() + 1;
        for (int i = 0; i < count; i++, next++) {
            events.put(next, "{\"seq\":" + next + ",\"terminal\":\"t1\",\"type\":\"POINTS\",\"points\":1}");
            acked.put(next, false);
        }
    }

    @Override
    public List<OutboxEvent> pendingAfter(long afterSequence, int maxEvents, int maxBytes) {
        reads++;
        List<OutboxEvent> out = new ArrayList<>();
        int bytes = 0;
        for (Map.Entry<Long, String> e : events.tailMap(afterSequence, false).entrySet()) {
            if (acked.get(e.getKey())) {
                continue;
            }
            bytes += e.getValue().length();
            if (out.size() == maxEvents || (!out.isEmpty() && bytes > maxBytes)) {
                break;
            }
            out.add(new OutboxEvent(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public void acknowledgeUpTo(long sequence) {
        acked.headMap(sequence, true).replaceAll((k, v) -> true);
        ackedUpTo = Math.max(ackedUpTo, sequence);
    }

    @Override
    public long reopenFrom(long sequence) {
        acked.tailMap(sequence, true).replaceAll((k, v) -> false);
        ackedUpTo = Math.min(ackedUpTo, sequence - 1);
        return sequence;
    }

    @Override
    public OutboxSummary summary() {
        long depth = acked.values().stream().filter(a -> !a).count();
        return new OutboxSummary(
                depth, depth == 0 ? Optional.empty() : Optional.of(Instant.parse("2026-11-23T10:00:00Z")), ackedUpTo);
    }

    @Override
    public long nextSession() {
        return ++session;
    }

    long depth() {
        return summary().depth();
    }
}
