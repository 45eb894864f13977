package org.loyaltyterminal.hq.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;

/**
 * Made-up terminals' events for the store tests, cut into batches as terminals would send them,
 * and what HQ must then hold, computed here from the events alone (not with the store's SQL).
 */
final class Ledger {
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Json JSON = new Json();

    private Ledger() {}

    /**
     * One event as a till writes it. {@code member} and {@code campaign} may be null.
     *
     * @param minute wall time as minutes after {@link #START}; odd minutes are written with a
     *     +01:00 offset, so HQ's normalisation to UTC is exercised too
     */
    record Spec(String type, String member, String campaign, int points, int stamps, int minute, String reference) {
        Instant wallTime() {
            return START.plusSeconds(60L * minute);
        }

        String wallTimeText() {
            return minute % 2 == 0
                    ? wallTime().toString()
                    : wallTime().atOffset(ZoneOffset.ofHours(1)).toString();
        }
    }

    /** A terminal and its events, seq 1..n. */
    record Terminal(Topics where, List<Spec> events) {
        Terminal {
            events = List.copyOf(events);
        }

        String name() {
            return where.terminal();
        }

        int size() {
            return events.size();
        }

        EventBatch batch(long first, long last) {
            List<OutboxEvent> out = new ArrayList<>();
            for (long seq = first; seq <= last; seq++) {
                out.add(new OutboxEvent(seq, json(seq)));
            }
            return new EventBatch(name(), "boot-1", 1, out);
        }

        String json(long seq) {
            Spec spec = events.get((int) seq - 1);
            ObjectNode node = MAPPER.createObjectNode();
            node.put("seq", seq);
            node.put("terminal", name());
            node.put("eventId", name() + "-" + seq);
            node.put("wallTime", spec.wallTimeText());
            node.put("type", spec.type());
            if (spec.member() != null) {
                node.put("member", spec.member());
            }
            if (spec.campaign() != null) {
                node.put("campaign", spec.campaign());
            }
            node.put("points", spec.points());
            node.put("stamps", spec.stamps());
            if ("VOUCHER_REDEEMED".equals(spec.type())) {
                node.putObject("voucher").put("reference", spec.reference());
            }
            try {
                return MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Per "member|campaign" (campaign "" for none): [points, stamps] over the counted events. */
    static Map<String, List<Long>> expectedAccounts(List<Terminal> terminals, Map<String, Long> contiguous) {
        Map<String, List<Long>> result = new TreeMap<>();
        for (Terminal terminal : terminals) {
            long upTo = contiguous.getOrDefault(terminal.name(), 0L);
            for (int seq = 1; seq <= upTo; seq++) {
                Spec spec = terminal.events().get(seq - 1);
                if (spec.member() == null || spec.type().equals("HQ_BALANCE")) {
                    continue;
                }
                String key = spec.member() + "|" + (spec.campaign() == null ? "" : spec.campaign());
                List<Long> sums = result.getOrDefault(key, List.of(0L, 0L));
                result.put(key, List.of(sums.get(0) + spec.points(), sums.get(1) + spec.stamps()));
            }
        }
        return result;
    }

    /** Per "member|chain|store": the latest wall time of the member's events within the prefix. */
    static Map<String, String> expectedStores(List<Terminal> terminals, Map<String, Long> contiguous) {
        Map<String, String> result = new TreeMap<>();
        for (Terminal terminal : terminals) {
            long upTo = contiguous.getOrDefault(terminal.name(), 0L);
            for (int seq = 1; seq <= upTo; seq++) {
                Spec spec = terminal.events().get(seq - 1);
                if (spec.member() != null) {
                    result.merge(
                            spec.member() + "|" + terminal.where().chain() + "|"
                                    + terminal.where().store(),
                            UtcText.of(spec.wallTime()),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return result;
    }

    /** The accounts table as {@link #expectedAccounts} shapes it. */
    static Map<String, List<Long>> accountsTable(HqDatabase db) {
        return db.read("test: reading accounts", c -> {
            Map<String, List<Long>> result = new TreeMap<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT member, campaign, points, stamps FROM accounts");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1) + "|" + rs.getString(2), List.of(rs.getLong(3), rs.getLong(4)));
                }
            }
            return result;
        });
    }

    /** The member_stores table as {@link #expectedStores} shapes it. */
    static Map<String, String> storesTable(HqDatabase db) {
        return db.read("test: reading member_stores", c -> {
            Map<String, String> result = new TreeMap<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT member, chain, store, last_seen FROM member_stores");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getString(4));
                }
            }
            return result;
        });
    }

    /** A batch as ingest hands it to the store: each event parsed once. */
    static EventStore.Received received(Terminal terminal, long first, long last) {
        EventBatch batch = terminal.batch(first, last);
        List<JsonNode> nodes = new ArrayList<>();
        for (OutboxEvent event : batch.events()) {
            nodes.add(JSON.read(event.json().getBytes(StandardCharsets.UTF_8), "event"));
        }
        return new EventStore.Received(terminal.where(), new EventBatch.Decoded(batch, nodes));
    }

    /** Redemption events per "chain|reference" among the given (terminal, seq) pairs. */
    static Map<String, Integer> redemptions(List<Terminal> terminals, Map<String, Set<Long>> stored) {
        Map<String, Integer> result = new TreeMap<>();
        for (Terminal terminal : terminals) {
            for (long seq : stored.getOrDefault(terminal.name(), Set.of())) {
                Spec spec = terminal.events().get((int) seq - 1);
                if ("VOUCHER_REDEEMED".equals(spec.type())) {
                    result.merge(terminal.where().chain() + "|" + spec.reference(), 1, Integer::sum);
                }
            }
        }
        return result;
    }

    /** The highest N with 1..N all in {@code seqs}. */
    static long contiguous(Set<Long> seqs) {
        long n = 0;
        while (seqs.contains(n + 1)) {
            n++;
        }
        return n;
    }

    static long count(HqDatabase db, String sql) {
        return db.read("test: " + sql, c -> {
            try (PreparedStatement select = c.prepareStatement(sql);
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
