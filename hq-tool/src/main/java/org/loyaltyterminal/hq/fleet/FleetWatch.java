package org.loyaltyterminal.hq.fleet;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.mqtt.BrokerClient;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.sync.Topics;

/**
 * Subscribes to every terminal's status and feeds a {@link FleetView} on the caller's thread
 * (the client's callbacks only enqueue).
 */
public final class FleetWatch implements AutoCloseable {
    private final BlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();
    private final BrokerClient client;
    private final FleetView view = new FleetView();

    public FleetWatch(BrokerAccess broker, String clientId) {
        client = new PahoBrokerClient(broker, clientId, events::add);
        client.connect(ConnectSpec.oneShot());
        client.subscribe(Topics.allStatusFilter());
    }

    public FleetView view() {
        return view;
    }

    /**
     * Applies what arrives for at most {@code max}, returning early after {@code quiet} without a
     * message (the retained statuses arrive at once after subscribing).
     *
     * @return whether the view changed
     */
    public boolean pump(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        boolean changed = false;
        while (System.nanoTime() < deadline) {
            BrokerEvent event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                break;
            }
            switch (event) {
                case BrokerEvent.Message m ->
                    changed |= view.accept(m.topic(), m.payload().toArray());
                case BrokerEvent.Lost lost ->
                    throw new HqException("connection to the broker lost while watching the fleet: " + lost.cause());
            }
        }
        return changed;
    }

    @Override
    public void close() {
        client.close();
    }
}
