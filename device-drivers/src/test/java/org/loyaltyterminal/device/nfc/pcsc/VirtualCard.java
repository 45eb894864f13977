package org.loyaltyterminal.device.nfc.pcsc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A contactless card played over the vsmartcard "vpcd" protocol: the virtual card (vicc) is the
 * TCP client and connects to the vpcd driver loaded in pcscd, which listens on the port named in
 * its reader.conf ({@code DEVICENAME /dev/null:<port>}). Connecting is putting the card on the
 * reader; closing the connection is taking it away.
 *
 * <p>Every message, both ways, is a 2-byte big-endian length and a payload. From vpcd, a 1-byte
 * payload is a control code (00 power off, 01 power on, 02 reset: no answer; 04 get ATR: answer
 * with the ATR); a longer one is a command APDU, answered with a response APDU. This card answers
 * GET DATA (FF CA 00 00 00) with its UID and 90 00, or with a fixed error status, and anything
 * else with 6D 00.
 */
final class VirtualCard implements AutoCloseable {
    /** ATR of a contactless storage card as PC/SC part 3 readers build it (PC/SC RID, NFC type 2). */
    static final byte[] ATR = HexFormat.of().parseHex("3B8F8001804F0CA0000003060300030000000068");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final byte[] uid;
    private final int refuseSw;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicReference<Socket> socket = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean removed;
    private final AtomicInteger getDataCount = new AtomicInteger();
    private Thread thread;

    private VirtualCard(byte[] uid, int refuseSw) {
        this.uid = uid.clone();
        this.refuseSw = refuseSw;
    }

    /** A card that answers GET DATA with {@code uid} and 90 00. */
    static VirtualCard withUid(String hexUid) {
        return new VirtualCard(HexFormat.of().parseHex(hexUid), 0);
    }

    /** A card (or reader) that answers GET DATA with the status word {@code sw} and no data. */
    static VirtualCard refusing(int sw) {
        return new VirtualCard(new byte[0], sw);
    }

    byte[] uid() {
        return uid.clone();
    }

    int getDataCount() {
        return getDataCount.get();
    }

    /**
     * Puts the card on the reader: connects to vpcd on localhost:{@code port}, retrying while
     * nothing listens yet (pcscd starts, or restarts, on its first client), and waits until connected.
     */
    VirtualCard insertInto(int port) throws InterruptedException {
        thread = Thread.ofPlatform().name("virtual-card-" + port).daemon(true).start(() -> serve(port));
        if (!connected.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("virtual card: vpcd on port " + port + " did not accept a connection within "
                    + CONNECT_TIMEOUT.toMillis() + " ms (is pcscd running with the vpcd reader.conf?); last error: "
                    + failure.get());
        }
        return this;
    }

    /** Takes the card away: closes the connection to vpcd. */
    void remove() throws InterruptedException {
        removed = true;
        Socket s = socket.get();
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        remove();
    }

    private void serve(int port) {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        Socket s = null;
        while (s == null && !removed) {
            try {
                s = new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException e) {
                failure.set(e);
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (IOException e) {
                failure.set(e);
                return;
            }
        }
        if (s == null) {
            return;
        }
        socket.set(s);
        connected.countDown();
        try (Socket open = s) {
            DataInputStream in = new DataInputStream(open.getInputStream());
            DataOutputStream out = new DataOutputStream(open.getOutputStream());
            while (!removed) {
                int length = in.readUnsignedShort();
                byte[] message = new byte[length];
                in.readFully(message);
                byte[] answer = answer(message);
                if (answer.length > 0) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (EOFException | SocketException e) {
            // removed, or pcscd went away
        } catch (IOException e) {
            failure.set(e);
        }
    }

    private byte[] answer(byte[] message) {
        if (message.length == 1) {
            return switch (message[0]) {
                case 0x04 -> ATR.clone(); // get ATR
                default -> new byte[0]; // 00 power off, 01 power on, 02 reset: no answer
            };
        }
        if (Arrays.equals(message, GetData.UID_COMMAND)) {
            getDataCount.incrementAndGet();
            if (refuseSw != 0) {
                return new byte[] {(byte) (refuseSw >> 8), (byte) refuseSw};
            }
            byte[] response = Arrays.copyOf(uid, uid.length + 2);
            response[uid.length] = (byte) 0x90;
            response[uid.length + 1] = 0x00;
            return response;
        }
        return new byte[] {0x6D, 0x00}; // instruction not supported
    }

    @Override
    public String toString() {
        return "VirtualCard[" + (refuseSw != 0 ? "refusing " + Integer.toHexString(refuseSw) : uid.length + "-byte UID")
                + "]";
    }
}
