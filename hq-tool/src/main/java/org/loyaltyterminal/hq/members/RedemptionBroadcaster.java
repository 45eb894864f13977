package org.loyaltyterminal.hq.members;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.publish.VersionClock;

/**
 * Tells every store of a chain, within moments of the ingest, which vouchers were just redeemed,
 * so a voucher used in one store is refused in the others. Each message repeats what this host
 * sent within {@code repeatWindow}: a till keeps one version per scope and refuses an older one,
 * so a message overtaken by a newer one (another HQ host's clock a millisecond ahead, say) loses
 * nothing, its redemptions ride along with the next.
 */
public final class RedemptionBroadcaster {
    /** At most this many per message: well inside a till's message size limit (about 80 bytes each). */
    static final int MAX_PER_MESSAGE = 500;

    private record Recent(Instant sentAt, RedeemedVoucher voucher) {}

    private final HqMessages messages;
    private final VersionClock versions;
    private final Consumer<Outgoing> send;
    private final InstantSource wall;
    private final Duration repeatWindow;
    private final Map<String, Deque<Recent>> recentByChain = new TreeMap<>();
    private long sent;

    public RedemptionBroadcaster(
            HqMessages messages,
            VersionClock versions,
            Consumer<Outgoing> send,
            InstantSource wall,
            Duration repeatWindow) {
        this.messages = messages;
        this.versions = versions;
        this.send = send;
        this.wall = wall;
        this.repeatWindow = repeatWindow;
    }

    /** First redemptions HQ just stored in {@code chain}; sends one message to the chain at once. */
    public synchronized void redeemed(String chain, List<RedeemedVoucher> vouchers) {
        if (vouchers.isEmpty()) {
            return;
        }
        Instant now = wall.instant();
        Deque<Recent> recent = recentByChain.computeIfAbsent(chain, c -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst().sentAt().isBefore(now.minus(repeatWindow))) {
            recent.pollFirst();
        }
        for (RedeemedVoucher voucher : vouchers) {
            recent.addLast(new Recent(now, voucher));
        }
        while (recent.size() > MAX_PER_MESSAGE) {
            recent.pollFirst();
        }
        List<RedeemedVoucher> all = new ArrayList<>(recent.size());
        recent.forEach(r -> all.add(r.voucher()));
        send.accept(messages.vouchersRedeemed(chain, versions.next(), all));
        sent += vouchers.size();
    }

    public synchronized long sent() {
        return sent;
    }
}
