package org.loyaltyterminal.simulator.hqbench.mqtt;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT 3.1.1 client connection, non-blocking, driven by its {@link MqttLoop}: the socket, what
 * is still to be written, what was read but not parsed yet, the packet ids. No queue of its own
 * beyond the socket's: a publish is written at once (or as soon as the socket takes it), and
 * flow control (how many publishes await their PUBACK) is the listener's business, as it is the
 * sync agent's. Every method must be called on the loop's thread.
 */
public final class MqttConnection {
    private static final int READ_BUFFER_BYTES = 8 * 1024;
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private enum State {
        CONNECTING,
        AWAITING_CONNACK,
        OPEN,
        DISCONNECTING,
        CLOSED
    }

    private final MqttLoop loop;
    private final ConnectOptions options;
    private final MqttListener listener;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private int lastPacketId;
    private long openedAt;
    private long lastSentAt;
    private long lastHeardAt;

    MqttConnection(MqttLoop loop, ConnectOptions options, MqttListener listener) {
        this.loop = loop;
        this.options = options;
        this.listener = listener;
    }

    public ConnectOptions options() {
        return options;
    }

    /** CONNACK received and not closed since. */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** SUBSCRIBE to one filter; the packet id its SUBACK will carry. */
    public int subscribe(String filter, int qos) {
        requireOpen("subscribe");
        int id = nextPacketId();
        send(MqttPackets.subscribe(id, filter, qos));
        return id;
    }

    /** PUBLISH at QoS 1, not retained; the packet id its PUBACK will carry. */
    public int publish(String topic, byte[] payload) {
        requireOpen("publish");
        int id = nextPacketId();
        send(MqttPackets.publish(id, topic, payload));
        return id;
    }

    /** A clean DISCONNECT: written, then the socket closed; {@link MqttListener#closed} with no reason. */
    public void disconnect() {
        if (state == State.CLOSED || state == State.DISCONNECTING) {
            return;
        }
        if (state != State.OPEN) {
            close(Optional.empty());
            return;
        }
        send(MqttPackets.disconnect());
        state = State.DISCONNECTING;
        if (unwritten.isEmpty()) {
            close(Optional.empty());
        }
    }

    /** Drops the connection without a DISCONNECT, as a lost link would. */
    public void abort(String why) {
        close(Optional.of(why));
    }

    void open() throws IOException {
        openedAt = System.nanoTime();
        lastHeardAt = openedAt;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        // As the agent's and HQ's sockets: a small PUBACK must not wait for the peer's delayed ACK.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (channel.connect(options.broker())) {
            key = loop.register(channel, SelectionKey.OP_READ, this);
            connectedSocket();
        } else {
            key = loop.register(channel, SelectionKey.OP_CONNECT, this);
        }
    }

    void selected() {
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                connectedSocket();
            }
            if (state != State.CLOSED && key.isValid() && key.isReadable()) {
                read();
            }
            if (state != State.CLOSED && key.isValid() && key.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            close(Optional.of(describe(e)));
        } catch (MqttProtocolException e) {
            close(Optional.of("protocol error: " + e.getMessage()));
        }
    }

    void tick(long now) {
        if (state == State.CLOSED) {
            return;
        }
        if ((state == State.CONNECTING || state == State.AWAITING_CONNACK) && now - openedAt > CONNECT_TIMEOUT_NANOS) {
            close(Optional.of("no CONNACK within " + TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NANOS) + " s"));
            return;
        }
        long keepAlive = TimeUnit.SECONDS.toNanos(options.keepAliveSeconds());
        if (state == State.OPEN) {
            if (now - lastHeardAt > keepAlive * 3 / 2) {
                close(Optional.of("nothing heard from the broker for 1.5 keep-alive periods"));
                return;
            }
            if (now - lastSentAt > keepAlive / 2) {
                send(MqttPackets.pingreq());
            }
            listener.tick(this, now);
        }
    }

    private void connectedSocket() {
        state = State.AWAITING_CONNACK;
        send(MqttPackets.connect(options.clientId(), options.cleanSession(), options.keepAliveSeconds()));
    }

    private void read() throws IOException {
        int read = channel.read(in);
        if (read < 0) {
            close(Optional.of("the broker closed the connection"));
            return;
        }
        lastHeardAt = System.nanoTime();
        in.flip();
        while (state != State.CLOSED) {
            MqttPackets.Inbound packet = MqttPackets.next(in);
            if (packet == null) {
                break;
            }
            dispatch(packet);
        }
        if (state == State.CLOSED) {
            return;
        }
        int needed = MqttPackets.size(in);
        if (needed > in.capacity()) {
            ByteBuffer larger = ByteBuffer.allocate(needed);
            larger.put(in);
            in = larger;
        } else {
            in.compact();
        }
    }

    private void dispatch(MqttPackets.Inbound packet) {
        switch (packet) {
            case MqttPackets.ConnAck ack -> {
                if (state != State.AWAITING_CONNACK) {
                    throw new MqttProtocolException("CONNACK on an open connection");
                }
                if (ack.returnCode() != 0) {
                    close(Optional.of(
                            "the broker refused the connection (CONNACK return code " + ack.returnCode() + ")"));
                    return;
                }
                state = State.OPEN;
                listener.connected(this, ack.sessionPresent());
            }
            case MqttPackets.SubAck ack -> listener.subscribed(this, ack.packetId(), ack.granted());
            case MqttPackets.PubAck ack -> listener.published(this, ack.packetId());
            case MqttPackets.Publish publish -> {
                if (publish.qos() == 1) {
                    send(MqttPackets.puback(publish.packetId()));
                }
                listener.message(this, publish.topic(), publish.payload().toArray());
            }
            case MqttPackets.PingResp ignored -> {
                // lastHeardAt is all it is for
            }
        }
    }

    private void send(ByteBuffer packet) {
        lastSentAt = System.nanoTime();
        if (state == State.CLOSED) {
            return;
        }
        if (unwritten.isEmpty()) {
            try {
                channel.write(packet);
            } catch (IOException e) {
                close(Optional.of(describe(e)));
                return;
            }
            if (!packet.hasRemaining()) {
                return;
            }
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        unwritten.addLast(packet);
    }

    private void flush() throws IOException {
        while (!unwritten.isEmpty()) {
            ByteBuffer head = unwritten.peekFirst();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            unwritten.removeFirst();
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        if (state == State.DISCONNECTING) {
            close(Optional.empty());
        }
    }

    private void close(Optional<String> why) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        unwritten.clear();
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        loop.closed(this);
        listener.closed(this, why);
    }

    private void requireOpen(String what) {
        if (state != State.OPEN) {
            throw new IllegalStateException(what + " on a connection that is " + state);
        }
    }

    private int nextPacketId() {
        lastPacketId = lastPacketId == 65_535 ? 1 : lastPacketId + 1;
        return lastPacketId;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public String toString() {
        return "MQTT connection " + options.clientId() + " to " + options.broker() + " (" + state + ")";
    }
}
