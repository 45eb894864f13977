package org.loyaltyterminal.sync.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.link.LinkEvent;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.wire.Acknowledgement;
import org.loyaltyterminal.sync.wire.EventBatch;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.loyaltyterminal.sync.wire.TerminalStatus;

/** The drain, acknowledgement and reconnect rules, driven step by step on a fake clock. */
class SyncAgentTest {
    private static final Topics TOPICS = new Topics("acme", "s1", "t1");
    private static final KeyPair HQ_KEY = Ed25519Pem.generate();

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<HqMessage> applied = new ArrayList<>();
    private final Json json = new Json();
    private FakeLink link;
    private SyncAgent agent;

    @BeforeEach
    void build() {
        SyncSettings settings = SyncSettings.defaults()
                .withBatch(100, 64 * 1024)
                .withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(30))
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        agent = new SyncAgent(
                TOPICS,
                outbox,
                message -> {
                    applied.add(message);
                    return new InboundResult.Applied(message.versionScope(), message.version(), "ok");
                },
                facts(),
                new HqKeyRing(Map.of("hq-1", HQ_KEY.getPublic())),
                settings,
                events -> link = new FakeLink(events),
                "broker:8883",
                nanos::get,
                InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")),
                new SplittableRandom(7));
        agent.startWithoutThread();
    }

    private static StatusFacts facts() {
        return new StatusFacts() {
            @Override
            public String software() {
                return "1.0";
            }

            @Override
            public String bootId() {
                return "boot-1";
            }

            @Override
            public boolean clockSynchronized() {
                return true;
            }

            @Override
            public Map<String, Long> campaignVersions() {
                return Map.of("campaigns", 7L);
            }

            @Override
            public Map<String, String> devices() {
                return Map.of("scanner", "connected");
            }
        };
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private void connect() {
        agent.runPending();
        link.events.accept(new LinkEvent.Connected());
        agent.runPending();
        link.events.accept(new LinkEvent.Subscribed());
        agent.runPending();
    }

    private List<EventBatch> batches() {
        return link.publishes.stream()
                .filter(p -> p.topic().equals(TOPICS.events()))
                .map(p -> EventBatch.decode(p.payload().toArray(), json))
                .toList();
    }

    private void pubackAll() {
        for (FakeLink.Publish p : List.copyOf(link.publishes)) {
            link.puback(p);
        }
        agent.runPending();
    }

    private void ack(long upTo) {
        link.events.accept(new LinkEvent.Message(TOPICS.acks(), new Acknowledgement("t1", upTo).encode()));
        agent.runPending();
    }

    @Test
    void anIdleLinkReadsTheOutboxOnANudgeNotOnEveryTick() {
        connect();
        pubackAll();
        int readsWhenIdle = outbox.reads;
        for (int i = 0; i < 16; i++) {
            advance(Duration.ofMillis(250));
            agent.runPending();
        }
        assertEquals(readsWhenIdle, outbox.reads, "four seconds of ticks without a commit read nothing");

        outbox.append(3);
        agent.nudge();
        agent.runPending();
        assertEquals(
                3,
                batches().stream().mapToInt(b -> b.events().size()).sum(),
                "a commit's nudge sends its events at once");

        int readsAfter = outbox.reads;
        advance(Duration.ofSeconds(6));
        agent.runPending();
        assertEquals(readsAfter + 1, outbox.reads, "a safety-net read after five seconds without a nudge");
    }

    @Test
    void drainsInBatchesAndKeepsEveryRowUntilHqAcknowledgesIt() {
        outbox.append(250);
        connect();

        assertEquals(List.of(TOPICS.subscriptions()), link.subscriptions, "subscribed once, to every HQ topic");
        List<EventBatch> sent = batches();
        assertEquals(3, sent.size(), "250 events at 100 per batch");
        assertEquals(
                List.of(1L, 101L, 201L), sent.stream().map(EventBatch::first).toList());
        assertEquals(250, sent.getLast().last());

        pubackAll();
        assertEquals(250, outbox.depth(), "a broker's PUBACK is not HQ's acknowledgement: nothing leaves");

        ack(200);
        assertEquals(50, outbox.depth());
        ack(250);
        assertEquals(0, outbox.depth());
        assertEquals(250, agent.status().lastAcknowledged());
    }

    @Test
    void anAcknowledgementBeyondWhatWasSentDropsNothingUnsent() {
        outbox.append(50);
        connect();
        outbox.append(50); // written after the batch went out
        ack(10_000);
        assertEquals(50, outbox.depth(), "only the 50 events that were sent may be acknowledged");
    }

    @Test
    void withoutHqAcknowledgementTheBatchesAreSentAgainAtAGrowingInterval() {
        outbox.append(150);
        connect();
        pubackAll();
        int before = batches().size();

        advance(Duration.ofSeconds(31));
        agent.runPending();
        List<EventBatch> afterFirstTimeout = batches();
        assertEquals(before + 2, afterFirstTimeout.size(), "both batches sent again");
        assertEquals(1, afterFirstTimeout.get(before).first(), "from the first unacknowledged event");

        pubackAll();
        advance(Duration.ofSeconds(31));
        agent.runPending();
        assertEquals(before + 2, batches().size(), "the second wait is 60 s, not 30 s");
        pubackAll();
        advance(Duration.ofSeconds(30));
        agent.runPending();
        assertEquals(before + 4, batches().size());
        assertEquals(0, link.aborts, "a slow HQ does not tear down a healthy broker link");
    }

    @Test
    void aSlowHqThatKeepsAcknowledgingIsNotFloodedWithResends() {
        outbox.append(300);
        connect();
        pubackAll();
        int sent = batches().size();
        advance(Duration.ofSeconds(25));
        ack(100); // HQ is behind, but moving
        advance(Duration.ofSeconds(25)); // 50 s after the batches went out, 25 s after HQ's progress
        agent.runPending();
        assertEquals(sent, batches().size(), "no resend while HQ acknowledged within the timeout");
        advance(Duration.ofSeconds(6));
        agent.runPending();
        assertEquals(101, batches().get(sent).first(), "silent for 31 s: sent again from the first unacknowledged");
    }

    @Test
    void aLinkThatLooksUpButAcknowledgesNothingIsTornDownAndRebuiltWithJitteredBackoff() {
        outbox.append(10);
        connect();
        advance(Duration.ofSeconds(16));
        agent.runPending();

        assertEquals(1, link.aborts, "no PUBACK for 15 s: the link is dead");
        assertEquals(SyncStatus.Phase.OFFLINE, agent.status().phase());
        assertTrue(agent.status().lastError().orElseThrow().contains("acknowledged nothing"));

        advance(Duration.ofSeconds(1)); // the first backoff ceiling
        agent.runPending();
        assertEquals(2, link.connects.size(), "reconnected within the first ceiling");
        link.events.accept(new LinkEvent.Connected());
        agent.runPending();
        link.events.accept(new LinkEvent.Subscribed());
        agent.runPending();
        assertEquals(1, batches().getLast().first(), "the unacknowledged events go again on the new link");
        assertEquals(10, outbox.depth());
    }

    @Test
    void aFullClientWindowIsBackPressureNotFailure() {
        outbox.append(1_000);
        agent.runPending();
        link.windowLimit = 3; // the status message and two batches
        link.events.accept(new LinkEvent.Connected());
        agent.runPending();
        link.events.accept(new LinkEvent.Subscribed());
        agent.runPending();
        assertEquals(2, batches().size());
        assertEquals(SyncStatus.Phase.ONLINE, agent.status().phase(), "back-pressure keeps the link");

        link.puback(link.publishes.get(1));
        agent.runPending();
        assertEquals(3, batches().size(), "a PUBACK frees the window and the drain goes on");
    }

    @Test
    void theBirthAndTheWillOfOneConnectionCarryTheSameSessionAndItGrowsOnEveryConnect() {
        outbox.append(1);
        connect();
        TerminalStatus will =
                TerminalStatus.decode(link.connects.getFirst().payload().toArray(), json);
        TerminalStatus birth = TerminalStatus.decode(
                link.publishes.stream()
                        .filter(p -> p.topic().equals(TOPICS.status()))
                        .findFirst()
                        .orElseThrow()
                        .payload()
                        .toArray(),
                json);
        assertFalse(will.online());
        assertEquals("connection-lost", will.reason());
        assertEquals(
                Map.of(),
                will.devices(),
                "the will names no device state: at connect time it says nothing of the outage");
        assertTrue(birth.online());
        assertEquals(will.session(), birth.session());
        assertEquals(Map.of("campaigns", 7L), birth.campaignVersions());
        assertEquals(1, birth.outboxDepth());
        assertTrue(link.publishes.stream()
                .filter(p -> p.topic().equals(TOPICS.status()))
                .allMatch(FakeLink.Publish::retained));

        link.events.accept(new LinkEvent.Lost(new IOException("reset")));
        agent.runPending();
        advance(Duration.ofSeconds(2));
        agent.runPending();
        TerminalStatus secondWill =
                TerminalStatus.decode(link.connects.get(1).payload().toArray(), json);
        assertEquals(will.session() + 1, secondWill.session());
    }

    @Test
    void aGracefulStopPublishesOfflineBeforeDisconnecting() {
        connect();
        agent.requestStop();
        agent.runPending();
        FakeLink.Publish last = link.publishes.getLast();
        assertEquals(TOPICS.status(), last.topic());
        TerminalStatus offline = TerminalStatus.decode(last.payload().toArray(), json);
        assertFalse(offline.online());
        assertEquals("shutdown", offline.reason());
        assertEquals(1, link.disconnects);
        assertTrue(link.closed);
    }

    @Test
    void signedMessagesReachTheTerminalAndEverythingElseIsRefusedAndCounted() {
        connect();
        HqMessageCodec codec = new HqMessageCodec();
        byte[] good = codec.write(
                HqMessageCodec.Kind.CAMPAIGNS,
                Target.chain("acme"),
                9,
                Instant.now(),
                JsonNodeFactory.instance.objectNode().put("format", 2),
                "hq-1",
                HQ_KEY.getPrivate());
        byte[] otherKey = codec.write(
                HqMessageCodec.Kind.CAMPAIGNS,
                Target.chain("acme"),
                9,
                Instant.now(),
                JsonNodeFactory.instance.objectNode(),
                "hq-1",
                Ed25519Pem.generate().getPrivate());
        link.events.accept(new LinkEvent.Message(TOPICS.chainCampaigns(), good));
        link.events.accept(new LinkEvent.Message(TOPICS.chainCampaigns(), otherKey));
        link.events.accept(new LinkEvent.Message(
                TOPICS.chainCampaigns(), "{\"not\":\"signed\"}".getBytes(StandardCharsets.UTF_8)));
        agent.runPending();

        assertEquals(1, applied.size());
        assertEquals(9, applied.getFirst().version());
        assertEquals(2, agent.status().refusedMessages());
        assertTrue(agent.status().lastRefusal().orElseThrow().contains("no 'key' and 'sig'"));

        byte[] newer = codec.write(
                HqMessageCodec.Kind.CAMPAIGNS,
                Target.chain("acme"),
                10,
                Instant.now(),
                JsonNodeFactory.instance.objectNode().put("format", 2),
                "hq-1",
                HQ_KEY.getPrivate());
        link.events.accept(new LinkEvent.Message(TOPICS.chainCampaigns(), newer));
        agent.runPending();
        assertEquals(2, applied.size());
        assertEquals(Optional.empty(), agent.status().lastRefusal(), "a message applied later clears the refusal");
        assertEquals(2, agent.status().refusedMessages(), "the count since start stays");
    }

    @Test
    void resendFromReopensTheOutboxAndSendsFromThere() {
        outbox.append(100);
        connect();
        pubackAll();
        ack(100);
        assertEquals(0, outbox.depth());
        byte[] resend = new HqMessageCodec()
                .write(
                        HqMessageCodec.Kind.COMMAND,
                        Target.terminal("acme", "s1", "t1"),
                        3,
                        Instant.now(),
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("type", "resend-from")
                                .put("sequence", 40),
                        "hq-1",
                        HQ_KEY.getPrivate());
        link.events.accept(new LinkEvent.Message(TOPICS.terminalCommands(), resend));
        agent.runPending();

        assertEquals(61, outbox.depth());
        assertEquals(40, batches().getLast().first());
        assertEquals(100, batches().getLast().last());
    }

    private List<LookupRequest> lookups() {
        return link.publishes.stream()
                .filter(p -> p.topic().equals(TOPICS.lookup()))
                .map(p -> LookupRequest.decode(p.payload().toArray(), json))
                .toList();
    }

    private long statusPublishes() {
        return link.publishes.stream()
                .filter(p -> p.topic().equals(TOPICS.status()))
                .count();
    }

    @Test
    void aLookupIsSentOnlyWhileOnlineAndFindsASlotBesideAFullDrain() {
        outbox.append(2_000);
        LookupRequest first = new LookupRequest(UUID.randomUUID(), "2412000000017");
        assertFalse(agent.lookup(first), "before the link is up nothing is queued");
        link.windowLimit = 9; // the drain's window of eight (the status and seven batches), one more
        connect();
        assertEquals(7, batches().size(), "the drain fills its window");
        assertTrue(agent.lookup(first));
        agent.runPending();
        assertEquals(List.of(first), lookups(), "the question takes the slot the drain leaves free");
        assertFalse(link.publishes.stream()
                .filter(p -> p.topic().equals(TOPICS.lookup()))
                .anyMatch(FakeLink.Publish::retained));

        LookupRequest second = new LookupRequest(UUID.randomUUID(), "2412000000024");
        assertTrue(agent.lookup(second));
        agent.runPending();
        assertEquals(List.of(first), lookups(), "no slot left: the question is dropped, not queued");
        assertEquals(SyncStatus.Phase.ONLINE, agent.status().phase(), "a dropped question keeps the link");
        assertEquals(0, link.aborts);

        link.events.accept(new LinkEvent.Lost(new IOException("cable pulled")));
        agent.runPending();
        assertFalse(agent.lookup(second), "the link is down: nothing is queued for later");
    }

    @Test
    void answersAndStorePushesReachTheTerminalWithoutAStatusMessageEach() {
        connect();
        pubackAll();
        long statusBefore = statusPublishes();
        HqMessageCodec codec = new HqMessageCodec();
        UUID request = UUID.randomUUID();
        byte[] answer = codec.writeMemberAccount(
                new HqMessage.MemberAccount(
                        Target.terminal("acme", "s1", "t1"),
                        11,
                        Instant.now(),
                        request,
                        "2412000000017",
                        true,
                        40,
                        Map.of("coffee", 2),
                        Map.of("t1", 0L)),
                "hq-1",
                HQ_KEY.getPrivate());
        ObjectNode snapshot = JsonNodeFactory.instance
                .objectNode()
                .put("card", "2412000000024")
                .put("points", 5);
        snapshot.putObject("stamps");
        snapshot.putObject("includes");
        byte[] pushed = codec.write(
                HqMessageCodec.Kind.MEMBER_SNAPSHOT,
                Target.store("acme", "s1"),
                12,
                Instant.now(),
                snapshot,
                "hq-1",
                HQ_KEY.getPrivate());
        link.events.accept(new LinkEvent.Message(TOPICS.lookupReply(), answer));
        link.events.accept(new LinkEvent.Message(TOPICS.storeMembers(), pushed));
        agent.runPending();

        assertEquals(2, applied.size());
        assertEquals(request, ((HqMessage.MemberAccount) applied.get(0)).request());
        assertEquals("2412000000024", ((HqMessage.MemberSnapshot) applied.get(1)).card());
        assertEquals(statusBefore, statusPublishes(), "member versions are not in the status message");
        assertEquals(0, agent.status().refusedMessages());
        assertTrue(link.subscriptions.getLast().containsAll(List.of(TOPICS.storeMembers(), TOPICS.lookupReply())));
    }
}
