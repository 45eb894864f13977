package org.loyaltyterminal.hq.cli;

import java.io.PrintWriter;
import java.util.List;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.publish.OneShotPublisher;
import org.loyaltyterminal.hq.publish.Outgoing;

/** Publishes and tells the operator what went where. */
final class Published {
    private Published() {}

    static void send(BrokerAccess broker, String clientId, List<Outgoing> messages, PrintWriter out) {
        OneShotPublisher.publish(broker, clientId, messages);
        for (Outgoing m : messages) {
            out.println("published " + m.description() + " to " + m.topic() + (m.retained() ? " (retained)" : ""));
        }
    }
}
