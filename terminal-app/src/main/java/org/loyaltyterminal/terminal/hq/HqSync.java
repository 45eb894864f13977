package org.loyaltyterminal.terminal.hq;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.agent.StatusFacts;
import org.loyaltyterminal.sync.agent.SyncAgent;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.agent.SyncStatus;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.PahoMqttLink;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.HqConfig;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.SqliteOutbox;
import org.loyaltyterminal.terminal.status.HqLinkProvider;
import org.loyaltyterminal.terminal.status.HqLinkView;
import org.loyaltyterminal.terminal.status.LookupFigures;
import org.loyaltyterminal.terminal.status.OutboxBacklog;

/** The running HQ link: the sync agent on this till's outbox, and its view for the status page. */
public final class HqSync implements AutoCloseable {
    /** Acknowledged events kept for a "resend from" request: about a week of a busy till. */
    static final long RETAIN_ACKNOWLEDGED = 50_000;

    private final SyncAgent agent;
    private final InstantSource wall;
    private final MemberLookups lookups;

    private HqSync(SyncAgent agent, InstantSource wall, MemberLookups lookups) {
        this.agent = agent;
        this.wall = wall;
        this.lookups = lookups;
    }

    /** What the terminal is: software, boot, clock and devices, for HQ's birth and status messages. */
    public record Identity(String software, String bootId, Supplier<Map<String, String>> devices) {}

    /**
     * Starts the agent and connects {@code lookups} to it: from then on a visit that opens while the
     * link is up asks HQ for the member's balance.
     */
    public static HqSync start(
            TerminalConfig config,
            HqConfig hq,
            SqliteLoyaltyStore store,
            RulesInForce rules,
            TerminalClock clock,
            Identity identity,
            InstantSource wall,
            MemberLookups lookups) {
        Topics topics = new Topics(config.chainId(), config.storeId(), config.terminalId());
        SqliteOutbox outbox = new SqliteOutbox(store, RETAIN_ACKNOWLEDGED);
        SqliteHqUpdates updates = new SqliteHqUpdates(store);
        LinkSettings link = new LinkSettings(
                hq.broker(),
                "lt-" + config.chainId() + "-" + config.storeId() + "-" + config.terminalId(),
                hq.allowPlain(),
                hq.caFile().map(ca -> new LinkSettings.Tls(ca, hq.clientCertificate(), hq.clientKey())),
                hq.username()
                        .map(user ->
                                new LinkSettings.Login(user, hq.passwordFile().orElseThrow())),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                9);
        SyncSettings settings = SyncSettings.defaults()
                .withTimeouts(SyncSettings.defaults().pubackTimeout(), hq.ackTimeout())
                .withMaxMessageBytes(hq.maxMessageBytes());
        StatusFacts facts = new StatusFacts() {
            @Override
            public String software() {
                return identity.software();
            }

            @Override
            public String bootId() {
                return identity.bootId();
            }

            @Override
            public boolean clockSynchronized() {
                return clock.synchronised();
            }

            @Override
            public Map<String, Long> campaignVersions() {
                Map<String, Long> versions = new LinkedHashMap<>(updates.versionsInForce());
                versions.put("campaigns", rules.get().version());
                return versions;
            }

            @Override
            public Map<String, String> devices() {
                return identity.devices().get();
            }
        };
        Ticker ticker = clock.ticker();
        SyncAgent agent = new SyncAgent(
                topics,
                outbox,
                new InboundApplier(updates, rules, new CampaignFileLoader(), config, clock, lookups),
                facts,
                hq.trustedKeys(),
                settings,
                events -> new PahoMqttLink(link, events),
                hq.broker().getHost() + ":" + hq.broker().getPort(),
                ticker::nanos,
                wall,
                new SecureRandom());
        // every commit that wrote may have written events: the agent reads the outbox then, not by polling
        store.afterEachWrite(agent::nudge);
        lookups.attach(agent::lookup);
        agent.start();
        return new HqSync(agent, wall, lookups);
    }

    /**
     * The link as the status page shows it, with the backlog read by {@code backlog}: the status
     * page's own read-only connection, so the page never waits for, or holds up, a scan.
     */
    public HqLinkProvider statusView(Supplier<OutboxBacklog> backlog) {
        return () -> {
            SyncStatus status = agent.status();
            OutboxBacklog waiting = backlog.get();
            Optional<Duration> age = waiting.oldestRecorded()
                    .map(at -> Duration.between(at, wall.instant()))
                    .map(d -> d.isNegative() ? Duration.ZERO : d);
            boolean online = status.phase() == SyncStatus.Phase.ONLINE;
            return new HqLinkView(
                    true,
                    online,
                    status.lastAckAt(),
                    waiting.depth(),
                    age,
                    online ? Optional.empty() : status.lastError(),
                    status.refusedMessages(),
                    status.lastRefusal(),
                    lookups.figures());
        };
    }

    /** Whether the link to the broker is up now. */
    public boolean online() {
        return agent.status().phase() == SyncStatus.Phase.ONLINE;
    }

    /** The balance questions asked of HQ since start, and what became of them. */
    public LookupFigures lookupFigures() {
        return lookups.figures();
    }

    /** Publishes "offline", disconnects cleanly and stops the agent. */
    @Override
    public void close() {
        agent.stop(Duration.ofSeconds(4));
    }
}
