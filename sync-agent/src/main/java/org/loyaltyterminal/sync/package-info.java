/**
 * The link to head office: store-and-forward of signed, versioned envelopes over MQTT.
 *
 * <p>Knows nothing of stamps or points. The terminal's outbox ({@code outbox.Outbox}) holds
 * each event as JSON with its per-terminal sequence; the agent ({@code agent.SyncAgent}) drains
 * it in batches and lets rows go only when HQ acknowledges them at application level. Messages
 * from HQ are accepted only when signed with a configured Ed25519 key ({@code signing}) and are
 * handed to the terminal ({@code inbound.InboundHandler}) as typed messages. Paho is used only
 * in {@code link.PahoMqttLink}.
 */
package org.loyaltyterminal.sync;
