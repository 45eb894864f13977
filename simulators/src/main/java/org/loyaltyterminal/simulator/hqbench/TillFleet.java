package org.loyaltyterminal.simulator.hqbench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.loyaltyterminal.simulator.hqbench.mqtt.ConnectOptions;
import org.loyaltyterminal.simulator.hqbench.mqtt.MqttLoop;
import org.loyaltyterminal.sync.wire.Json;

/**
 * The simulated tills, one MQTT connection each, spread over a few {@link MqttLoop}s. The
 * benchmark's thread drives them in phases (connect, write and drain, disconnect) and waits on
 * {@link FleetCounters} for each phase to end.
 */
final class TillFleet implements AutoCloseable {
    private final List<MqttLoop> loops = new ArrayList<>();
    private final List<SimulatedTill> tills = new ArrayList<>();
    private final FleetCounters counters = new FleetCounters();

    TillFleet(int count, int threads, InetSocketAddress broker, BenchEvents events, TillSettings settings) {
        Json json = new Json();
        for (int i = 0; i < threads; i++) {
            loops.add(new MqttLoop("hq-bench-tills-" + (i + 1)));
        }
        for (int i = 0; i < count; i++) {
            MqttLoop loop = loops.get(i % threads);
            String id = BenchEvents.terminal(i);
            // A persistent session, as the agent's: acknowledgements published while it is away wait for it.
            ConnectOptions connect = new ConnectOptions(broker, id, false, settings.keepAliveSeconds());
            tills.add(new SimulatedTill(i, loop, connect, events, settings, counters, json));
        }
    }

    FleetCounters counters() {
        return counters;
    }

    int size() {
        return tills.size();
    }

    int threads() {
        return loops.size();
    }

    /** Asks every till to connect, each loop's tills in one go, and returns at once. */
    void connectAll() {
        each(SimulatedTill::connect);
    }

    /** Every till writes {@code count} events and drains them in batches of at most {@code perBatch}. */
    void writeAll(long count, int perBatch) {
        each(till -> till.write(count, perBatch));
    }

    void disconnectAll() {
        each(SimulatedTill::disconnect);
    }

    /** Waits until the tills online satisfy {@code condition}; whether they did within {@code timeout}. */
    boolean awaitOnline(LongPredicate condition, Duration timeout) throws InterruptedException {
        return counters.online.await(condition, System.nanoTime() + timeout.toNanos());
    }

    /** The CPU time the client's threads used so far, if the JVM measures it. */
    Optional<Duration> clientCpuTime() {
        Duration total = Duration.ZERO;
        for (MqttLoop loop : loops) {
            Optional<Duration> cpu = loop.cpuTime();
            if (cpu.isEmpty()) {
                return Optional.empty();
            }
            total = total.plus(cpu.get());
        }
        return Optional.of(total);
    }

    private void each(Consumer<SimulatedTill> action) {
        for (MqttLoop loop : loops) {
            List<SimulatedTill> mine =
                    tills.stream().filter(t -> t.loop() == loop).toList();
            loop.execute(() -> mine.forEach(action));
        }
    }

    @Override
    public void close() {
        for (MqttLoop loop : loops) {
            loop.close();
        }
    }
}
