package org.loyaltyterminal.simulator.hqbench.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The benchmark's MQTT 3.1.1 packets, byte for byte as the specification lays them out. */
class MqttPacketsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void connectCarriesProtocolLevelFlagsKeepAliveAndClientId() {
        assertEquals("101200044d5154540400003c0006746e2d303031", hex(MqttPackets.connect("tn-001", false, 60)));
        assertEquals("02", hex(MqttPackets.connect("t", true, 60)).substring(18, 20), "clean session flag");
    }

    @Test
    void subscribePubackPingAndDisconnectAreTheFixedForms() {
        assertEquals("820800070003612f6201", hex(MqttPackets.subscribe(7, "a/b", 1)));
        assertEquals("40020102", hex(MqttPackets.puback(0x0102)));
        assertEquals("c000", hex(MqttPackets.pingreq()));
        assertEquals("e000", hex(MqttPackets.disconnect()));
    }

    /** A batch is tens of kilobytes: its remaining length takes more than one byte. */
    @Test
    void aLargePublishReadsBackWhole() {
        byte[] payload = new byte[100_000];
        payload[99_999] = 42;
        ByteBuffer packet = MqttPackets.publish(513, "loyalty/v1/c/s/t/events", payload);
        assertEquals(0x32, packet.get(0) & 0xFF, "PUBLISH, QoS 1, not retained");
        assertEquals(packet.remaining(), MqttPackets.size(packet));

        MqttPackets.Publish read = assertInstanceOf(MqttPackets.Publish.class, MqttPackets.next(packet));
        assertEquals("loyalty/v1/c/s/t/events", read.topic());
        assertEquals(1, read.qos());
        assertEquals(513, read.packetId());
        assertArrayEquals(payload, read.payload().toArray());
        assertEquals(0, packet.remaining(), "consumed");
    }

    @Test
    void aPacketCutShortIsWaitedForAndLeftUnread() {
        ByteBuffer whole = ByteBuffer.wrap(HEX.parseHex("20020100" + "9003000501"));
        ByteBuffer cut = whole.duplicate().limit(3);
        assertNull(MqttPackets.next(cut));
        assertEquals(0, cut.position(), "nothing consumed");

        assertEquals(new MqttPackets.ConnAck(true, 0), MqttPackets.next(whole));
        assertEquals(new MqttPackets.SubAck(5, 1), MqttPackets.next(whole));
        assertNull(MqttPackets.next(whole));
    }

    @Test
    void anInboundQos0PublishHasNoPacketId() {
        byte[] packet = HEX.parseHex("3006000174" + "6869" + "21");
        MqttPackets.Publish read =
                assertInstanceOf(MqttPackets.Publish.class, MqttPackets.next(ByteBuffer.wrap(packet)));
        assertEquals("t", read.topic());
        assertEquals(0, read.packetId());
        assertEquals("hi!", new String(read.payload().toArray(), StandardCharsets.US_ASCII));
    }

    @Test
    void whatATillNeverExpectsIsAProtocolError() {
        assertThrows(MqttProtocolException.class, () -> MqttPackets.next(ByteBuffer.wrap(HEX.parseHex("3402000101"))));
        assertThrows(MqttProtocolException.class, () -> MqttPackets.next(ByteBuffer.wrap(HEX.parseHex("a0020001"))));
        assertThrows(
                MqttProtocolException.class, () -> MqttPackets.next(ByteBuffer.wrap(HEX.parseHex("20ffffffff01"))));
    }

    private static String hex(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        return HEX.formatHex(bytes);
    }
}
