package org.loyaltyterminal.hq.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.agent.StatusFacts;
import org.loyaltyterminal.sync.agent.SyncAgent;
import org.loyaltyterminal.sync.agent.SyncSettings;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.PahoMqttLink;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;

/**
 * One simulated terminal in the test JVM: its own outbox on a SQLite file and its own
 * {@link SyncAgent} with a real {@link PahoMqttLink}, built the way the daemon builds it. It
 * applies nothing HQ sends (these tests are about the events going up).
 */
final class SimTerminal implements AutoCloseable {
    private final Topics topics;
    private final SqliteTestOutbox outbox;
    private final SyncAgent agent;

    private SimTerminal(Topics topics, SqliteTestOutbox outbox, SyncAgent agent) {
        this.topics = topics;
        this.outbox = outbox;
        this.agent = agent;
    }

    /**
     * Opens {@code dir/<terminal>.db} and builds (does not start) the agent.
     *
     * @param brokerUrl where the terminal connects: the broker, or a proxy in front of it
     * @param seed      the agent's jitter, so a failing run can be repeated
     */
    static SimTerminal create(
            Path dir,
            Topics topics,
            String brokerUrl,
            SyncSettings settings,
            Duration connectTimeout,
            HqKeyRing keys,
            long seed) {
        SqliteTestOutbox outbox = SqliteTestOutbox.open(
                dir.resolve(topics.terminal() + ".db"), topics.terminal(), InstantSource.system());
        try {
            LinkSettings link = new LinkSettings(
                    URI.create(brokerUrl),
                    "terminal-" + topics.terminal(),
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(30),
                    connectTimeout,
                    9);
            SyncAgent agent = new SyncAgent(
                    topics,
                    outbox,
                    message -> new InboundResult.Refused(Refusal.NOT_FOR_THIS_TERMINAL, "this test applies nothing"),
                    facts(outbox),
                    keys,
                    settings,
                    events -> new PahoMqttLink(link, events),
                    brokerUrl,
                    System::nanoTime,
                    InstantSource.system(),
                    new SplittableRandom(seed));
            return new SimTerminal(topics, outbox, agent);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    void start() {
        agent.start();
    }

    /** What a till does after each commit: the events go to the outbox, the agent is nudged. */
    void append(int events) {
        outbox.append(events);
        agent.nudge();
    }

    String id() {
        return topics.terminal();
    }

    Topics topics() {
        return topics;
    }

    SqliteTestOutbox outbox() {
        return outbox;
    }

    SyncAgent agent() {
        return agent;
    }

    @Override
    public void close() {
        try {
            agent.stop(Duration.ofSeconds(5));
        } finally {
            outbox.close();
        }
    }

    @Override
    public String toString() {
        return id() + " " + agent.status().phase() + " session "
                + agent.status().session() + " acked "
                + agent.status().lastAcknowledged() + "/" + outbox.highestSequence()
                + agent.status()
                        .lastError()
                        .map(e -> " (last error: " + e + ")")
                        .orElse("");
    }

    private static StatusFacts facts(SqliteTestOutbox outbox) {
        return new StatusFacts() {
            @Override
            public String software() {
                return "fault-test";
            }

            @Override
            public String bootId() {
                return outbox.bootId();
            }

            @Override
            public boolean clockSynchronized() {
                return true;
            }

            @Override
            public Map<String, Long> campaignVersions() {
                return Map.of();
            }

            @Override
            public Map<String, String> devices() {
                return Map.of();
            }
        };
    }
}
