package org.loyaltyterminal.hq.members;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.ingest.StoreRef;
import org.loyaltyterminal.hq.privacy.Pseudonyms;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.publish.VersionClock;
import org.loyaltyterminal.sync.inbound.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a member's account, once HQ counted new events of theirs, to the stores where the member
 * shopped within the window: never to the whole chain (a chain of a million members and
 * thousands of tills cannot take that). Coalesced: the members that changed during one interval
 * get one snapshot each, however many batches they were in. A store the member has never visited
 * learns the balance by asking (the terminal's lookup), not from a push.
 */
public final class AccountPusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountPusher.class);

    private final EventStore store;
    private final Predicate<String> erased;
    private final HqMessages messages;
    private final VersionClock versions;
    private final Consumer<Outgoing> send;
    private final InstantSource wall;
    private final Duration window;
    private final Duration interval;
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long pushed;

    public AccountPusher(
            EventStore store,
            Predicate<String> erased,
            HqMessages messages,
            VersionClock versions,
            Consumer<Outgoing> send,
            InstantSource wall,
            Duration window,
            Duration interval) {
        this.store = store;
        this.erased = erased;
        this.messages = messages;
        this.versions = versions;
        this.send = send;
        this.wall = wall;
        this.window = window;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("hq-push").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Members whose account changed in a committed batch: pushed at the end of this interval. */
    public void changed(Collection<String> members) {
        if (members.isEmpty()) {
            return;
        }
        synchronized (dirty) {
            dirty.addAll(members);
            dirty.notifyAll();
        }
    }

    public synchronized long pushed() {
        return pushed;
    }

    @Override
    public void close() {
        running = false;
        synchronized (dirty) {
            dirty.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            List<String> members;
            synchronized (dirty) {
                while (running && dirty.isEmpty()) {
                    try {
                        dirty.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            // Let the interval's other batches arrive: one push per member per interval.
            sleep(interval);
            synchronized (dirty) {
                members = List.copyOf(dirty);
                dirty.clear();
            }
            for (String member : members) {
                try {
                    push(member);
                } catch (HqException e) {
                    log.warn(
                            "HQ push: account of one member not pushed ({}); the terminals ask for it", e.getMessage());
                }
            }
        }
    }

    void push(String member) {
        if (Pseudonyms.isPseudonym(member) || erased.test(member)) {
            return;
        }
        Optional<MemberAccount> account = store.account(member);
        if (account.isEmpty()) {
            return;
        }
        List<StoreRef> stores = store.storesSince(member, wall.instant().minus(window));
        long version = versions.next();
        for (StoreRef where : stores) {
            send.accept(messages.memberSnapshot(Target.store(where.chain(), where.store()), version, account.get()));
        }
        synchronized (this) {
            pushed += stores.size();
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
