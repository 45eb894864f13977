package org.loyaltyterminal.hq.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.TerminalStatus;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * The terminals as their retained status messages describe them. A status whose session is older
 * than the newest one seen for that terminal is stale and ignored: typically the will of a
 * connection the broker noticed dead only after the terminal had connected again (Sparkplug's
 * rule). Not thread-safe: fed from one thread.
 */
public final class FleetView {
    private final Map<String, Row> rows = new TreeMap<>();
    private final Json json = new Json();
    private long ignoredStale;
    private long unreadable;

    /** One terminal: where it is and its latest status. */
    public record Row(String chain, String store, TerminalStatus status) {}

    /** Feeds one message from the status filter; returns whether the view changed. */
    public boolean accept(String topic, byte[] payload) {
        Optional<Topics> where = Topics.ofTerminalTopic(topic);
        if (where.isEmpty() || payload.length == 0) {
            return false; // a cleared retained status
        }
        TerminalStatus status;
        try {
            status = TerminalStatus.decode(payload, json);
        } catch (WireFormatException e) {
            unreadable++;
            return false;
        }
        String key = where.get().chain() + "/" + where.get().store() + "/"
                + where.get().terminal();
        Row current = rows.get(key);
        if (current != null && status.session() < current.status().session()) {
            ignoredStale++;
            return false;
        }
        rows.put(key, new Row(where.get().chain(), where.get().store(), status));
        return true;
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public long ignoredStale() {
        return ignoredStale;
    }

    public long unreadable() {
        return unreadable;
    }

    /** The table as printed by {@code hq-tool fleet}. */
    public String table(Instant now) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {
            "TERMINAL", "STATE", "SESSION", "SOFTWARE", "OUTBOX", "OLDEST-UNACKED", "LAST-ACKED", "CAMPAIGNS", "SEEN"
        });
        for (Row row : rows.values()) {
            TerminalStatus s = row.status();
            lines.add(new String[] {
                row.chain() + "/" + row.store() + "/" + s.terminal(),
                s.online() ? "online" : "offline (" + s.reason() + ")",
                Long.toString(s.session()),
                s.software(),
                Long.toString(s.outboxDepth()),
                s.oldestUnackedSeconds().map(FleetView::age).orElse("-"),
                Long.toString(s.lastAcknowledged()),
                s.campaignVersions().isEmpty() ? "-" : new TreeMap<>(s.campaignVersions()).toString(),
                seen(s, now)
            });
        }
        int[] widths = new int[lines.getFirst().length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                out.append(i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 2) + "s", line[i]));
            }
            out.append('\n');
        }
        if (ignoredStale > 0) {
            out.append(ignoredStale).append(" stale status message(s) ignored (older session than the newest seen)\n");
        }
        return out.toString();
    }

    /**
     * How long ago the status was written; for a last will, which the terminal set when it
     * connected, the outage began somewhere after that connect and HQ cannot say when.
     */
    private static String seen(TerminalStatus s, Instant now) {
        String ago = age(Math.max(0, Duration.between(s.at(), now).toSeconds())) + " ago";
        return s.isLastWill() ? "link lost; connected " + ago : ago;
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + "m";
        }
        return seconds < 172_800 ? seconds / 3_600 + "h" : seconds / 86_400 + "d";
    }
}
