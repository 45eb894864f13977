package org.loyaltyterminal.hq.members;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.publish.VersionClock;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a terminal that asks for a member's account when the member's card opens a visit: the
 * account HQ counted, signed, on that terminal's reply topic, with the request's id so the till
 * matches it. An erased card gets "not known", exactly like a card HQ never saw, so no lookup can
 * bring an erased member back. A malformed request gets no answer (the till falls back to what it
 * knows) and one rate-limited log line.
 */
public final class LookupResponder implements MembersLink.Responder {
    private static final Logger log = LoggerFactory.getLogger(LookupResponder.class);

    private final EventStore store;
    private final Predicate<String> erased;
    private final HqMessages messages;
    private final VersionClock versions;
    private final AtomicLong refused = new AtomicLong();
    private final Json json = new Json();

    public LookupResponder(EventStore store, Predicate<String> erased, HqMessages messages, VersionClock versions) {
        this.store = store;
        this.erased = erased;
        this.messages = messages;
        this.versions = versions;
    }

    @Override
    public Optional<Outgoing> answer(BrokerEvent.Message message) {
        Optional<Topics> terminal = Topics.ofTerminalTopic(message.topic());
        LookupRequest request;
        try {
            if (terminal.isEmpty()) {
                throw new SyncException("not a terminal's lookup topic");
            }
            request = LookupRequest.decode(message.payload().toArray(), json);
        } catch (SyncException | IllegalArgumentException e) {
            long count = refused.incrementAndGet();
            if (Long.bitCount(count) == 1) { // 1, 2, 4, 8...: a flood does not flood the log
                log.warn("HQ lookup: request #{} on {} not answered: {}", count, message.topic(), e.getMessage());
            }
            return Optional.empty();
        }
        Optional<MemberAccount> account;
        try {
            account = erased.test(request.card()) ? Optional.empty() : store.account(request.card());
        } catch (HqException e) {
            log.warn("HQ lookup: account not read ({}); the terminal uses what it knows", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(messages.memberAccount(
                terminal.get(), versions.next(), request.request().toString(), request.card(), account));
    }

    public long refused() {
        return refused.get();
    }
}
