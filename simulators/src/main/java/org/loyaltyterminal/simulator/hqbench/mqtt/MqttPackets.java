package org.loyaltyterminal.simulator.hqbench.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * The MQTT 3.1.1 packets a till needs and nothing more: CONNECT (no will, no login), SUBSCRIBE,
 * PUBLISH at QoS 1, PUBACK, PINGREQ and DISCONNECT out; CONNACK, SUBACK, PUBLISH (QoS 0 or 1),
 * PUBACK and PINGRESP in. Anything else the broker sends is a protocol error here.
 */
final class MqttPackets {
    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    /** The largest remaining length MQTT can express (four length bytes). */
    static final int MAX_REMAINING = 268_435_455;

    private static final byte[] PROTOCOL = "MQTT".getBytes(StandardCharsets.US_ASCII);
    private static final int PROTOCOL_LEVEL = 4;

    private MqttPackets() {}

    /** A packet the broker sent. */
    sealed interface Inbound {}

    record ConnAck(boolean sessionPresent, int returnCode) implements Inbound {}

    record SubAck(int packetId, int granted) implements Inbound {}

    record PubAck(int packetId) implements Inbound {}

    /** {@code packetId} is 0 for QoS 0. */
    record Publish(String topic, int qos, int packetId, Bytes payload) implements Inbound {}

    record PingResp() implements Inbound {}

    static ByteBuffer connect(String clientId, boolean cleanSession, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + PROTOCOL.length + 1 + 1 + 2 + 2 + id.length;
        ByteBuffer out = header(CONNECT << 4, remaining);
        putString(out, PROTOCOL);
        out.put((byte) PROTOCOL_LEVEL);
        out.put((byte) (cleanSession ? 0x02 : 0x00));
        out.putShort((short) keepAliveSeconds);
        putString(out, id);
        return out.flip();
    }

    static ByteBuffer subscribe(int packetId, String filter, int qos) {
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = header(SUBSCRIBE << 4 | 0x02, 2 + 2 + topic.length + 1);
        out.putShort((short) packetId);
        putString(out, topic);
        out.put((byte) qos);
        return out.flip();
    }

    /** A QoS 1 publish, not retained. */
    static ByteBuffer publish(int packetId, String topic, byte[] payload) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = header(PUBLISH << 4 | 0x02, 2 + name.length + 2 + payload.length);
        putString(out, name);
        out.putShort((short) packetId);
        out.put(payload);
        return out.flip();
    }

    static ByteBuffer puback(int packetId) {
        ByteBuffer out = header(PUBACK << 4, 2);
        out.putShort((short) packetId);
        return out.flip();
    }

    static ByteBuffer pingreq() {
        return header(PINGREQ << 4, 0).flip();
    }

    static ByteBuffer disconnect() {
        return header(DISCONNECT << 4, 0).flip();
    }

    /**
     * The next whole packet at the buffer's position (in read mode), consumed; or null when the
     * buffer does not hold all of it yet (the position is then unchanged).
     *
     * @throws MqttProtocolException when the bytes are no packet a till expects
     */
    static Inbound next(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < 2) {
            return null;
        }
        int first = in.get(start) & 0xFF;
        int remaining = 0;
        int multiplier = 1;
        int index = start + 1;
        while (true) {
            if (index >= in.limit()) {
                return null;
            }
            int digit = in.get(index++) & 0xFF;
            remaining += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                break;
            }
            multiplier *= 128;
            if (multiplier > 128 * 128 * 128) {
                throw new MqttProtocolException("remaining length longer than four bytes");
            }
        }
        if (in.limit() - index < remaining) {
            return null;
        }
        ByteBuffer body = in.slice(index, remaining);
        in.position(index + remaining);
        return parse(first, body);
    }

    /** Bytes the packet starting at the buffer's position needs in all, or -1 while its header is incomplete. */
    static int size(ByteBuffer in) {
        int index = in.position() + 1;
        int remaining = 0;
        int multiplier = 1;
        while (index < in.limit()) {
            int digit = in.get(index++) & 0xFF;
            remaining += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return index - in.position() + remaining;
            }
            multiplier *= 128;
        }
        return -1;
    }

    private static Inbound parse(int first, ByteBuffer body) {
        int type = first >>> 4;
        return switch (type) {
            case CONNACK -> {
                expectLength(body, 2, "CONNACK");
                yield new ConnAck((body.get() & 0x01) != 0, body.get() & 0xFF);
            }
            case SUBACK -> {
                if (body.remaining() < 3) {
                    throw new MqttProtocolException("SUBACK of " + body.remaining() + " bytes");
                }
                yield new SubAck(body.getShort() & 0xFFFF, body.get() & 0xFF);
            }
            case PUBACK -> {
                expectLength(body, 2, "PUBACK");
                yield new PubAck(body.getShort() & 0xFFFF);
            }
            case PINGRESP -> new PingResp();
            case PUBLISH -> {
                int qos = (first >>> 1) & 0x03;
                if (qos > 1) {
                    throw new MqttProtocolException("PUBLISH at QoS " + qos + "; the till subscribes at QoS 1");
                }
                int topicLength = body.getShort() & 0xFFFF;
                byte[] topic = new byte[topicLength];
                body.get(topic);
                int packetId = qos == 0 ? 0 : body.getShort() & 0xFFFF;
                byte[] payload = new byte[body.remaining()];
                body.get(payload);
                yield new Publish(new String(topic, StandardCharsets.UTF_8), qos, packetId, Bytes.of(payload));
            }
            default -> throw new MqttProtocolException("unexpected packet type " + type);
        };
    }

    private static void expectLength(ByteBuffer body, int length, String what) {
        if (body.remaining() != length) {
            throw new MqttProtocolException(what + " of " + body.remaining() + " bytes, not " + length);
        }
    }

    private static ByteBuffer header(int first, int remaining) {
        if (remaining > MAX_REMAINING) {
            throw new IllegalArgumentException("packet of " + remaining + " bytes exceeds MQTT's limit");
        }
        ByteBuffer out = ByteBuffer.allocate(1 + lengthBytes(remaining) + remaining);
        out.put((byte) first);
        int value = remaining;
        do {
            int digit = value % 128;
            value /= 128;
            out.put((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
        return out;
    }

    private static int lengthBytes(int remaining) {
        return remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putShort((short) utf8.length);
        out.put(utf8);
    }
}
